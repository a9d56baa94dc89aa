"""The timeline's cards and filters on the real dossier: each card gives the measure's reference
as printed and its status with its date; each filter offers only values that show entries, with
how many, also as plain links that keep the other filters. (In Chromium:
tests/browser/test_timeline_filters.py.)"""

import re

import pytest

from tests.support.pages import main_of, text_of

pytestmark = pytest.mark.django_db

ENTRIES = re.compile(r"(\d+) entr(?:y|ies)")
BODIES = ["All bodies", "European Union (10)", "Council of Europe (3)"]


def options_of(html: str, name: str) -> list[str]:
    menu = html[html.index(f'<select name="{name}"') :]
    menu = menu[: menu.index("</select>")]
    return re.findall(r"<option [^>]*>([^<]*)</option>", menu)


def links_of(html: str, name: str) -> dict[str, str]:
    """The filter's plain links: {words: href}."""
    block = html[html.index(f'id="filter-links-{name}"') :]
    block = block[: block.index("</ul>")]
    return {
        words: href.replace("&amp;", "&")
        for href, words in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', block)
    }


def entry_count(response) -> int:
    return int(ENTRIES.search(text_of(response)).group(1))


def test_each_card_shows_the_reference_as_printed_and_the_status_with_its_date(client, dossier):
    html = main_of(client.get("/timeline/"))
    card = html[html.index('href="/timeline/csa-regulation/"') :]
    card = card[: card.index("</li>")]
    assert '<p class="card__reference">COM(2022) 209 final</p>' in card
    assert "Status:</span> In negotiation" in card
    assert '(status: <time datetime="2025-10">October 2025</time>)' in card
    assert "COM(2024) 60 final" in html
    assert "Directive 2011/93/EU" in html


def test_filters_offer_only_values_with_entries_and_say_how_many(client, dossier):
    html = main_of(client.get("/timeline/"))
    assert options_of(html, "kind") == [
        "All kinds",
        "Framework decision (1)",
        "Directive (2)",
        "Proposal for a regulation (2)",
        "Proposal for a directive (4)",
        "Strategy (1)",
        "Convention (3)",
    ]
    assert options_of(html, "body") == BODIES
    assert options_of(html, "status") == [
        "Any status",
        "In force (5)",
        "In negotiation (6)",
        "Replaced (1)",
    ]
    assert "Regulation (" not in html.replace("Proposal for a regulation (", "")
    assert "Adopted" not in html


def test_counts_follow_the_other_filters_chosen(client, dossier):
    html = main_of(client.get("/timeline/?body=coe"))
    assert options_of(html, "kind") == ["All kinds", "Convention (3)"]
    assert options_of(html, "status") == ["Any status", "In force (3)"]
    # A body's own counts do not narrow to itself: the reader can switch to the other.
    assert options_of(html, "body") == BODIES


def test_a_chosen_value_that_shows_nothing_stays_chosen(client, dossier):
    html = main_of(client.get("/timeline/?kind=convention&body=eu"))
    assert '<option value="convention" selected>Convention (0)</option>' in html
    assert "Nothing on the timeline matches these filters" in html


def test_every_filter_is_a_plain_link_that_keeps_the_others(client, dossier):
    html = main_of(client.get("/timeline/?status=in-force"))
    kinds = links_of(html, "kind")
    assert kinds == {
        "All kinds": "/timeline/?status=in-force",
        "Directive (2)": "?kind=directive&status=in-force",
        "Convention (3)": "?kind=convention&status=in-force",
    }
    assert links_of(html, "status")["Any status"] == "/timeline/"
    assert '<a href="?status=in-force" aria-current="true">In force (5)</a>' in html


@pytest.mark.parametrize("name", ["kind", "body", "status"])
def test_each_link_shows_as_many_entries_as_it_says(client, dossier, name):
    for words, href in links_of(main_of(client.get("/timeline/")), name).items():
        count = re.search(r"\((\d+)\)$", words)
        url = href if href.startswith("/") else "/timeline/" + href
        shown = entry_count(client.get(url))
        assert shown == (int(count.group(1)) if count else 13), words


def test_links_combine(client, dossier):
    html = main_of(client.get("/timeline/?kind=proposed-directive"))
    href = links_of(html, "body")["European Union (4)"]
    assert href == "?kind=proposed-directive&body=eu"
    response = client.get("/timeline/" + href)
    assert entry_count(response) == 4
    assert '<option value="proposed-directive" selected>' in main_of(response)
    assert '<option value="eu" selected>' in main_of(response)
