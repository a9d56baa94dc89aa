"""Nothing of a draft reaches a reader. Each kind of record is made a draft with a marker string
in its words, and every public URL (pages, API, feeds, sitemap, CSV, search, did-you-mean) is
fetched and searched for the markers. A draft's renamed slug gets no public redirect until the
record is published."""

import pytest
from django.test import Client

from articles.models import Article, KeyFigure
from organisations.models import HelpResource, Organisation, Person
from tests.support.commits import committed
from tests.support.public_urls import public_routes
from timeline.models import Measure, Milestone

pytestmark = pytest.mark.django_db

MARKER = "zyxq"  # in no word of the dossier


def make_drafts() -> list:
    """One draft of each kind, each with the marker in the words a reader would see."""
    drafts = []
    for model, slug, words in [
        (Measure, "csa-regulation", ("short_title", "title", "summary", "aliases")),
        (Organisation, "eurochild", ("name", "acronym", "described_as")),
        (Person, "fabiola-bas-palomares", ("name", "bio")),  # a speaker of the interview
        (Article, "introduction", ("title", "standfirst", "body")),
        (KeyFigure, None, ("label", "sentence", "value")),
    ]:
        record = model.objects.get(slug=slug) if slug else model.objects.first()
        drafts.append(make_draft(record, words))
    resource = HelpResource.objects.create(
        name="A helpline", slug="a-helpline", description="Help.", source_url="https://x.org/"
    )
    drafts.append(make_draft(resource, ("name", "description")))
    milestone = Milestone.objects.filter(measure__slug="csa-directive-2011").first()
    drafts.append(make_draft(milestone, ("title", "source_sentence")))
    return drafts


def make_draft(record, words):
    for name in words:
        setattr(record, name, f"{MARKER}{record._meta.model_name} {getattr(record, name)}")
    record.is_published = False
    record.save()
    return record


def public_urls() -> list[str]:
    slugs = [
        slug
        for model in (Measure, Organisation, Person, Article)
        for slug in model.objects.values_list("slug", flat=True)
    ]
    urls = []
    for route in public_routes():
        if not route.converters:
            urls.append(route.fill([]))
        elif route.converters == ["slug"]:
            urls += [route.fill([slug]) for slug in slugs]
    # The drafts' own words, and their markers misspelt ("did you mean" must not offer them;
    # a page repeating the query itself shows no marker).
    misspelt = [f"zyxp{kind}" for kind in ("measure", "person", "organisation", "article")]
    words = ["Regulation", "Palomares", "Eurochild", "Introduction", "million", "helpline"]
    urls += [f"/search/?q={query}" for query in (*words, *misspelt)]
    urls += ["/timeline/celex/52022PC0209/", "/feed/", "/sitemap.xml", "/timeline.csv"]
    return urls


def test_no_public_url_shows_anything_of_a_draft(dossier):
    with committed():  # texts that link to the drafts render again: no link to one leaks
        make_drafts()
    client = Client()
    leaks = []
    for url in public_urls():
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if MARKER in body.decode(errors="replace").lower():
            leaks.append(url)
    assert not leaks


def test_a_drafts_renamed_slug_gets_no_public_redirect_until_published(dossier):
    measure = Measure.objects.get(slug="csa-regulation")
    measure.is_published = False
    measure.save()
    measure.slug = f"{MARKER}-regulation"
    measure.save()
    client = Client()

    response = client.get("/timeline/csa-regulation/")

    assert response.status_code == 404
    assert MARKER not in response.content.decode()
    measure.is_published = True
    measure.save()
    assert client.get("/timeline/csa-regulation/")["Location"] == f"/timeline/{MARKER}-regulation/"
