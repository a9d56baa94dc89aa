"""The Atom feed: what changed last first, without drafts, announced by every page."""

import feedparser
import pytest

from tests.support.factories import make_article, make_organisation

pytestmark = pytest.mark.django_db


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
