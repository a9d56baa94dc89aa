"""The search results page as a reader meets it (issue 15, point 6): each hit headed by its
page's title, the part of the page second; snippets that show where they were cut; only the
types that have hits, as links that filter."""

import re

import pytest

pytestmark = pytest.mark.django_db


def results_of(client, query: str) -> str:
    html = client.get("/search/", {"q": query}).content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_hit_in_a_part_of_a_page_is_headed_by_the_page_s_title(client, dossier):
    html = results_of(client, "Lanzarote")
    anchored = re.findall(
        r'<h2><a href="(/articles/introduction/#[^"]+)">([^<]+)</a></h2>'
        r'\s*<p class="search-hit__part">([^<]+)</p>',
        html,
    )
    assert anchored
    for _, heading, part in anchored:
        assert heading.startswith("Introduction: What is digital sexualised violence")
        assert part != heading


def test_only_types_with_hits_are_offered_as_filters(client, dossier):
    html = results_of(client, "Lanzarote")
    facets = html[html.index('class="search-facets"') : html.index("</nav>")]
    counts = [int(n) for n in re.findall(r"\((\d+)\)</", facets)]
    assert counts
    assert 0 not in counts
    assert "People (" not in facets  # no person is named Lanzarote


def test_snippets_show_where_they_were_cut(client, dossier):
    html = results_of(client, "sexual")
    snippets = re.findall(r'<p class="search-hit-snippet">(.*?)</p>', html, flags=re.S)
    assert snippets
    assert any("…" in snippet for snippet in snippets)
    assert not any(" ... " in snippet for snippet in snippets)
    for snippet in snippets:
        text = re.sub(r"<[^>]+>", "", snippet).strip()
        assert text.endswith((".", "!", "?", ":", ";", "”", '"', ")", "…")), text
