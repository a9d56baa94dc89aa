"""The JSON API (/api/v1/): collections, records, pagination and what a page costs; drafts are
left out. (The CSV, the feed and the sitemap have files of their own.)"""

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
        # count, page (with the recasts), milestones, replaces, documents (+ the content
        # version, read twice by site-wide middleware)
        with django_assert_max_num_queries(7):
            client.get("/api/v1/measures/")
