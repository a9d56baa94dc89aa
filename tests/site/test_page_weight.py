"""Page weight: what a reader downloads for each page of the real dossier."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

MAX_HTML_BYTES = 100_000
MAX_CSS_BYTES = 30_000
MAX_JS_BYTES = 10_000
ARTICLES_MEASURES_ORGANISATIONS_PEOPLE = (
    "articles.Article",
    "timeline.Measure",
    "organisations.Organisation",
    "organisations.Person",
)
HOST = "testserver"  # the test client's; links to the site itself (canonical, feed) are local
STATIC_DIR = Path(settings.BASE_DIR) / "static"


def public_pages() -> list[str]:
    """Every list page, and every published record that has a page of its own."""
    pages = [reverse(name) for name in ("home", "timeline:index", "organisations:index", "help")]
    pages.append(reverse("search") + "?q=child+sexual+abuse")
    for label in ARTICLES_MEASURES_ORGANISATIONS_PEOPLE:
        records = apps.get_model(label).objects.published()
        pages += [record.get_absolute_url() for record in records]
    return pages


class ResourceCollector(HTMLParser):
    """The addresses a page makes the browser fetch by itself."""

    FETCHED = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}

    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs):
        if (attribute := self.FETCHED.get(tag)) and (value := dict(attrs).get(attribute)):
            self.addresses.append(value)


def test_every_page_of_the_dossier_is_under_100_kb_and_loads_nothing_from_elsewhere(
    client, dossier
):
    pages = public_pages()
    assert len(pages) > 10
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) < MAX_HTML_BYTES, f"{url}: {len(response.content)} bytes"
        collector = ResourceCollector()
        collector.feed(response.content.decode())
        outside = [a for a in collector.addresses if urlsplit(a).hostname not in (None, HOST)]
        assert not outside, f"{url} loads {outside}"


def test_css_and_javascript_stay_small_and_use_no_web_fonts():
    css = list(STATIC_DIR.rglob("*.css"))
    assert css
    assert sum(path.stat().st_size for path in css) < MAX_CSS_BYTES
    assert sum(path.stat().st_size for path in STATIC_DIR.rglob("*.js")) < MAX_JS_BYTES
    assert not any("@font-face" in path.read_text() for path in css)
    fonts = [p for p in STATIC_DIR.rglob("*") if p.suffix in {".woff", ".woff2", ".ttf", ".otf"}]
    assert not fonts
