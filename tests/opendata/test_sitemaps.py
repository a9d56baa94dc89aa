"""sitemap.xml: every public page with its last change, found from robots.txt."""

import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from tests.support.factories import make_article, make_organisation, make_person

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


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
    assert lastmod == timezone.localdate(milestone.updated_at).isoformat()  # the site's day


def test_robots_txt_points_to_the_sitemap(client):
    assert b"Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content
