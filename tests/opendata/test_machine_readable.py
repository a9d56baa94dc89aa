"""What others reuse: the JSON API, the timeline as CSV, the Atom feed and sitemap.xml. All of
them leave drafts out."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import feedparser
import pytest

from articles.models import Contribution, InterviewAnswer, InterviewQuestion
from organisations.models import Affiliation
from tests.support.factories import (
    make_article,
    make_measure,
    make_milestone,
    make_organisation,
    make_person,
)

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def regulation():
    measure = make_measure(
        slug="csa-regulation",
        short_title="CSA Regulation",
        aliases="chat control",
        reference="COM(2022) 209 final",
        celex="52022PC0209",
        date=datetime.date(2022, 5, 11),
    )
    make_milestone(measure, slug="council-position", date=datetime.date(2023, 11, 1))
    make_milestone(measure, slug="secret-step", is_published=False)
    return measure


class TestApi:
    def test_the_index_links_every_collection(self, client):
        data = client.get("/api/v1/").json()
        assert data == {
            name: f"http://testserver/api/v1/{name}/"
            for name in ("measures", "organisations", "people", "articles")
        }

    def test_measures_come_with_their_published_milestones(self, client, regulation):
        make_measure(slug="draft-measure", is_published=False)
        data = client.get("/api/v1/measures/").json()
        assert data["count"] == 1
        (measure,) = data["results"]
        assert measure["slug"] == "csa-regulation"
        assert measure["url"] == "http://testserver/timeline/csa-regulation/"
        assert measure["api_url"] == "http://testserver/api/v1/measures/csa-regulation/"
        assert measure["celex"] == "52022PC0209"
        assert measure["aliases"] == ["chat control"]
        assert measure["date"] == {"date": "2022-05-11", "precision": "day"}
        assert [m["slug"] for m in measure["milestones"]] == ["council-position"]
        assert measure["milestones"][0]["date"] == {"date": "2023-11", "precision": "month"}
        assert measure["milestones"][0]["url"] == (
            "http://testserver/timeline/csa-regulation/#council-position"
        )

    def test_one_measure_by_slug_and_drafts_are_404(self, client, regulation):
        make_measure(slug="draft-measure", is_published=False)
        assert client.get("/api/v1/measures/csa-regulation/").json()["short_title"] == (
            "CSA Regulation"
        )
        response = client.get("/api/v1/measures/draft-measure/")
        assert response.status_code == 404
        assert "error" in response.json()

    def test_organisations_and_people_name_each_other(self, client):
        organisation = make_organisation(slug="ecpat", name="ECPAT International")
        person = make_person(slug="jane-doe", name="Jane Doe")
        hidden = make_person(slug="hidden", is_published=False)
        Affiliation.objects.create(person=person, organisation=organisation, role="Officer")
        Affiliation.objects.create(person=hidden, organisation=organisation, role="Secret")
        organisation_data = client.get("/api/v1/organisations/ecpat/").json()
        assert organisation_data["people"] == [
            {"slug": "jane-doe", "name": "Jane Doe", "role": "Officer"}
        ]
        person_data = client.get("/api/v1/people/").json()["results"]
        assert [p["slug"] for p in person_data] == ["jane-doe"]
        assert person_data[0]["affiliations"] == [
            {"organisation": "ecpat", "name": "ECPAT International", "role": "Officer"}
        ]

    def test_articles_list_their_sections_and_interview(self, client):
        article = make_article(slug="interview", body="## Why now\n\nBecause.")
        Contribution.objects.create(article=article, person=make_person(), role="interviewee")
        question = InterviewQuestion.objects.create(
            article=article, position=1, text="What changed?", anchor="what-changed"
        )
        InterviewAnswer.objects.create(
            question=question, position=1, speaker=make_person(slug="kim"), body="Much."
        )
        make_article(slug="draft-article", is_published=False)
        data = client.get("/api/v1/articles/").json()
        (article_data,) = data["results"]
        assert article_data["sections"] == [
            {
                "anchor": "why-now",
                "heading": "Why now",
                "url": "http://testserver/articles/interview/#why-now",
            }
        ]
        assert article_data["interview"][0]["question"] == "What changed?"
        assert article_data["interview"][0]["answers"][0]["speaker"] == "kim"
        assert article_data["contributors"][0]["role"] == "interviewee"

    def test_collections_are_paginated(self, client):
        for n in range(55):
            make_organisation(name=f"Organisation {n:02}", position=n)
        first = client.get("/api/v1/organisations/").json()
        assert (first["count"], first["pages"], len(first["results"])) == (55, 2, 50)
        assert first["next"] == "http://testserver/api/v1/organisations/?page=2"
        assert first["previous"] is None
        second = client.get(first["next"]).json()
        assert len(second["results"]) == 5
        assert second["previous"] == "http://testserver/api/v1/organisations/?page=1"
        slugs = [o["slug"] for o in first["results"] + second["results"]]
        assert len(set(slugs)) == 55

    @pytest.mark.parametrize(("page", "status"), [("abc", 400), ("1.5", 400), ("3", 404)])
    def test_a_bad_page_is_a_clear_json_error(self, client, page, status):
        make_organisation()
        response = client.get("/api/v1/organisations/", {"page": page})
        assert response.status_code == status
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"]

    def test_a_page_of_measures_costs_a_fixed_number_of_queries(
        self, client, django_assert_max_num_queries
    ):
        for _ in range(20):
            make_milestone(make_measure())
        client.get("/api/v1/")  # the first request of a test reads what later ones cache
        # count, page, milestones, replaces, documents (+ one read by site-wide middleware)
        with django_assert_max_num_queries(6):
            client.get("/api/v1/measures/")


def test_the_timeline_as_csv_in_date_order_without_drafts(client, regulation):
    make_measure(short_title="Draft", is_published=False)
    response = client.get("/timeline.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["date"], r["entry"], r["measure"]) for r in rows] == [
        ("2022-05-11", "measure", "CSA Regulation"),
        ("2023-11", "milestone", "CSA Regulation"),
    ]
    assert rows[0]["celex"] == "52022PC0209"
    assert rows[1]["url"] == "http://testserver/timeline/csa-regulation/#council-position"


def test_csv_cells_never_open_as_spreadsheet_formulas(client):
    make_measure(short_title='=HYPERLINK("http://evil.example","click")', reference="+1-2")
    rows = list(csv.DictReader(io.StringIO(client.get("/timeline.csv").content.decode())))
    assert rows[0]["measure"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[0]["reference"] == "'+1-2"
    assert rows[0]["title"].startswith("Proposal"), "ordinary text is left as it is"


def test_the_feed_is_atom_with_what_changed_last_first(client, regulation):
    make_article(title="Editorial")
    make_organisation(name="Hidden organisation", is_published=False)
    regulation.summary = "Revised."
    regulation.save()
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Measure: CSA Regulation"
    assert "Article: Editorial" in titles
    milestone = regulation.milestones.get(slug="council-position")
    assert f"Milestone: CSA Regulation: {milestone.title}" in titles
    assert not any("Hidden" in title or "secret" in title.lower() for title in titles)
    assert feed.entries[0].link == "http://testserver/timeline/csa-regulation/"
    assert feed.entries[0].updated


def test_pages_announce_the_feed(client):
    assert b'type="application/atom+xml"' in client.get("/").content


def sitemap_entries(client) -> dict[str, str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {
        url.find("sm:loc", SITEMAP_NS).text: url.find("sm:lastmod", SITEMAP_NS).text
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def test_the_sitemap_lists_every_public_page_with_lastmod(client, regulation):
    article = make_article(slug="editorial")
    organisation = make_organisation(slug="ecpat")
    person = make_person(slug="jane-doe")
    make_article(slug="draft-article", is_published=False)
    entries = sitemap_entries(client)
    paths = {urlparse(loc).path for loc in entries}
    assert paths == {
        "/",
        "/timeline/",
        "/organisations/",
        "/help/",
        regulation.get_absolute_url(),
        article.get_absolute_url(),
        organisation.get_absolute_url(),
        person.get_absolute_url(),
    }
    assert all(lastmod for lastmod in entries.values())
    for loc in entries:
        assert client.get(urlparse(loc).path).status_code == 200, loc


def test_a_measure_is_as_new_in_the_sitemap_as_its_newest_milestone(client, regulation):
    milestone = regulation.milestones.get(slug="council-position")
    milestone.title = "Council adopts its general approach"
    milestone.save()
    milestone.refresh_from_db()
    lastmod = sitemap_entries(client)["http://testserver/timeline/csa-regulation/"]
    assert lastmod == milestone.updated_at.date().isoformat()


def test_robots_txt_points_to_the_sitemap(client):
    assert b"Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content
