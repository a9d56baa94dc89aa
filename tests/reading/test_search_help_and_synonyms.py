"""A search page that meets the reader in need (issue 15, point 6): words for help show the Get
help page's services first, the services are found by their own words, and a list editors keep
maps readers' words to the dossier's ("sextortion" → "sexual extortion")."""

import re

import pytest

from organisations.models import HelpResource, SearchSynonym
from tests.support.admin_helpers import make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _first_synonym(dossier):
    """The synonym migration 0007 seeds, as a database `make run` made has it: the tests start
    from a flushed database (tests/conftest.py), which keeps no migration's rows."""
    SearchSynonym.objects.get_or_create(
        reader_words="sextortion", defaults={"dossier_words": "sexual extortion"}
    )


def main_of(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def help_section(html: str) -> str:
    match = re.search(r'<section class="search-help".*?</section>', html, flags=re.S)
    return match.group() if match else ""


@pytest.mark.parametrize("word", ["help", "helpline", "Hotline", "report", "support", "reporting"])
def test_words_for_help_show_the_get_help_services_before_any_hit(client, dossier, word):
    html = main_of(client, word)
    section = help_section(html)
    assert section, f"no Get help section for {word!r}"
    assert '<a href="/help/">Get help</a>' in section
    for resource in HelpResource.objects.published():
        assert f'href="/help/#{resource.slug}"' in section
    first_hit = html.find('class="search-hit"')
    assert first_hit == -1 or html.index('class="search-help"') < first_hit
    facets = html.find('class="search-facets"')
    assert facets == -1 or html.index('class="search-help"') < facets


def test_the_links_to_a_service_land_on_its_entry(client, dossier):
    help_page = client.get("/help/").content.decode()
    for resource in HelpResource.objects.published():
        assert f'id="{resource.slug}"' in help_page


def test_a_service_is_found_by_its_own_words(client, dossier):
    section = help_section(main_of(client, "116 111"))
    assert 'href="/help/#116-111-child-helplines"' in section
    assert 'href="/help/#112-emergency-number"' not in section


def test_a_search_nothing_in_the_dossier_matches_offers_no_filters(client, dossier):
    html = main_of(client, "helpline")
    assert 'class="search-hit"' not in html
    assert "search-facets" not in html
    assert "Everything (0)" not in html


def test_a_search_about_something_else_shows_no_help_section(client, dossier):
    assert not help_section(main_of(client, "Lanzarote"))


def test_a_draft_service_is_never_shown(client, dossier):
    HelpResource.objects.filter(slug="inhope-hotlines").update(is_published=False)
    section = help_section(main_of(client, "hotline"))
    assert section  # the other services still answer the reader
    assert "INHOPE" not in section


def hit_urls(html: str) -> set[str]:
    return set(re.findall(r'<li class="search-hit">\s*<h2><a href="([^"]+)"', html))


def test_a_reader_s_word_finds_what_the_dossier_calls_it(client, dossier):
    dossier_words = hit_urls(main_of(client, '"sexual extortion"'))
    assert dossier_words
    html = main_of(client, "Sextortion")
    assert hit_urls(html) == dossier_words
    assert "<mark>sexual</mark> <mark>extortion</mark>" in html.lower()
    assert 'Also searched for "sexual extortion"' in html.replace("&quot;", '"')


def test_the_synonym_list_is_what_finds_it(client, dossier):
    SearchSynonym.objects.all().delete()
    html = main_of(client, "sextortion")
    assert not hit_urls(html)
    assert "Also searched for" not in html


def test_an_excluded_word_is_not_replaced(client, dossier):
    assert "Also searched for" not in main_of(client, "children -sextortion")


def test_the_other_words_of_the_query_still_count(client, dossier):
    """The reader's word is replaced where it stands: the other words narrow the search."""
    alone = hit_urls(main_of(client, "sextortion"))
    narrowed = hit_urls(main_of(client, "sextortion Lanzarote"))
    assert narrowed == hit_urls(main_of(client, '"sexual extortion" Lanzarote'))
    assert narrowed < alone


def test_an_editor_adds_a_synonym_in_the_admin_and_search_uses_it(client, dossier):
    client.force_login(make_editor())
    response = client.post(
        "/admin/organisations/searchsynonym/add/",
        {"reader_words": "  Lanzarotte  Treaty ", "dossier_words": "Lanzarote Convention"},
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.get(dossier_words="Lanzarote Convention").reader_words == (
        "lanzarotte treaty"
    )
    client.logout()
    assert hit_urls(main_of(client, "lanzarotte treaty")) == hit_urls(
        main_of(client, '"Lanzarote Convention"')
    )
