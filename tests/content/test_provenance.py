"""The fixtures say what the source document says: every text, date, figure and URL in them
occurs in the cleaned document (or in the allowlist of external facts, each with its public
source), and every paragraph of the document is in some fixture. No database needed."""

import datetime
import html
import json
import re
from functools import cache
from pathlib import Path

import pytest

from dossier_portal.content.dates import format_date
from dossier_portal.content.dossier_source import document, raw_text, source_urls
from dossier_portal.content.markdown import render
from fixtures.derive.__main__ import PARTS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# The fields whose text is the dossier's own words, per model. Markdown fields are checked
# paragraph by paragraph, alias lists line by line.
VERBATIM = {
    "organisations.organisation": ["name", "acronym", "described_as", "founded_place"],
    "organisations.person": ["name"],
    "organisations.affiliation": ["role"],
    "timeline.measure": ["title", "reference", "status_text"],
    "timeline.milestone": ["title", "source_sentence"],
    "articles.article": ["title", "standfirst", "signature", "section_label"],
    "articles.interviewquestion": ["text"],
    "articles.keyfigure": ["value", "label", "sentence"],
}
MARKDOWN = {
    "organisations.organisation": ["description"],
    "organisations.person": ["bio"],
    "timeline.measure": ["summary"],
    "articles.article": ["body"],
    "articles.interviewanswer": ["body"],
}
ALIASES = {"organisations.organisation": ["aliases"], "timeline.measure": ["aliases"]}
URL_FIELDS = {"website", "url", "profile_url"}
# Identifiers and structure, not facts the dossier states.
NOT_FACTS = {"key", "slug", "anchor", "position", "celex", "kind", "body", "fixture_digest"}
# Date field: (its precision field, the precision when the fixture leaves it to the default).
DATES = {
    "founded_on": ("founded_precision", "year"),
    "date": ("date_precision", "day"),
    "status_as_of": (None, "month"),
}
# Headings and titles are set in capitals or title case in print: typography, not wording.
CASE_FREE = {"title", "section_label", "name", "heading"}
BLOCK_TAG = re.compile(r"</?(?:p|h\d|td|th|li|tr|table|thead|tbody|aside|ul|ol)\b[^>]*>")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@cache
def records() -> list[dict]:
    return [
        record
        for name in PARTS
        for record in json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    ]


@cache
def external_facts() -> dict[str, dict]:
    facts = json.loads((FIXTURES / "external_facts.json").read_text(encoding="utf-8"))
    return {fact["fact"]: fact for fact in facts}


def markdown_texts(text: str) -> list[tuple[str, str]]:
    """("heading" or "text", words) for the paragraphs, cells, headings and box titles of
    rendered Markdown."""
    rendered = re.sub(r"<h\d\b[^>]*>", "\n\nHEADING:", render(text).html)
    blocks = re.sub(BLOCK_TAG, "\n\n", rendered)
    plain = html.unescape(re.sub(r"<[^>]+>", "", blocks))
    pieces = []
    for part in plain.split("\n\n"):
        # Only ASCII white space: the no-break space in "380 percent" is the document's.
        words = re.sub(r"[ \t\r\n]+", " ", part).strip()
        if words:
            kind = "heading" if words.startswith("HEADING:") else "text"
            pieces.append((kind, words.removeprefix("HEADING:")))
    return pieces


def markdown_links(text: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', render(text).html)]


def texts_of(record: dict) -> list[tuple[str, str]]:
    """(field, text) for every piece of the dossier's wording in a record."""
    model, fields = record["model"], record["fields"]
    pieces = [(f, fields[f]) for f in VERBATIM.get(model, []) if fields.get(f)]
    for field in MARKDOWN.get(model, []):
        pieces += markdown_texts(fields.get(field, ""))
    for field in ALIASES.get(model, []):
        pieces += [(field, alias) for alias in fields.get(field, "").splitlines() if alias]
    return pieces


def occurs(field: str, text: str) -> bool:
    if text in external_facts():
        return True
    if field == "section_label":  # the running head: furniture on the page, a label here
        return text.casefold() in raw_text().casefold()
    if field in CASE_FREE:
        return text.casefold() in document().casefold()
    return text in document()


def test_every_text_in_the_fixtures_occurs_in_the_document():
    missing = [
        (record["model"], field, text)
        for record in records()
        for field, text in texts_of(record)
        if not occurs(field, text)
    ]
    assert missing == []


def test_the_check_catches_an_invented_sentence():
    invented = {"model": "organisations.person", "fields": {"bio": "She founded Eurochild."}}
    assert not all(occurs(field, text) for field, text in texts_of(invented))


def urls_of(record: dict) -> list[str]:
    fields = record["fields"]
    urls = [fields[f] for f in URL_FIELDS if fields.get(f)]
    for field in MARKDOWN.get(record["model"], []):
        urls += [u for u in markdown_links(fields.get(field, "")) if not u.startswith("/")]
    return urls


def test_every_url_in_the_fixtures_is_one_the_document_lists():
    listed = set(source_urls())
    assert [url for record in records() for url in urls_of(record) if url not in listed] == []


def test_every_url_the_document_lists_is_attached_to_something():
    attached = {url for record in records() for url in urls_of(record)}
    assert set(source_urls()) - attached == set()


def test_links_inside_the_text_point_at_measures_in_the_fixtures():
    measure_pages = {
        f"/timeline/{r['fields']['slug']}/" for r in records() if r["model"] == "timeline.measure"
    }
    internal = [
        url
        for record in records()
        for field in MARKDOWN.get(record["model"], [])
        for url in markdown_links(record["fields"].get(field, ""))
        if url.startswith("/")
    ]
    assert len(internal) == 5  # the key-measures table's "What?" cells
    assert set(internal) <= measure_pages


def figures_of(record: dict) -> list[str]:
    """Every number written in a record's text (outside identifiers and URLs)."""
    fields = record["fields"]
    texts = [text for _, text in texts_of(record)]
    elsewhere = NOT_FACTS | URL_FIELDS | DATES.keys() | set(MARKDOWN.get(record["model"], []))
    texts += [v for name, v in fields.items() if isinstance(v, str) and name not in elsewhere]
    for fact in external_facts():
        texts = [text.replace(fact, "") for text in texts]
    return [number for text in texts for number in NUMBER.findall(text)]


def test_every_figure_in_the_fixtures_occurs_in_the_document():
    numbers_in_document = set(NUMBER.findall(document()))
    unknown = {
        (record["model"], number)
        for record in records()
        for number in figures_of(record)
        if number not in numbers_in_document
    }
    assert unknown == set()


def dates_of(record: dict) -> list[str]:
    fields = record["fields"]
    return [
        format_date(datetime.date.fromisoformat(fields[field]), fields.get(precision, default))
        for field, (precision, default) in DATES.items()
        if fields.get(field)
    ]


def test_every_date_in_the_fixtures_occurs_in_the_document_at_its_precision():
    dated = [(r["model"], d) for r in records() for d in dates_of(r)]
    assert len(dated) > 20
    assert [(model, date) for model, date in dated if date not in document()] == []


@pytest.mark.parametrize(
    ("value", "precision", "shown"),
    [("2023-11-01", "month", "November 2023"), ("2017-01-01", "year", "2017")],
)
def test_dates_are_compared_as_the_dossier_prints_them(value, precision, shown):
    record = {"model": "timeline.milestone", "fields": {"date": value, "date_precision": precision}}
    assert dates_of(record) == [shown]


def test_celex_numbers_come_from_the_documents_urls_or_the_allowlist():
    for record in records():
        celex = record["fields"].get("celex")
        if celex:
            in_document = any(f"CELEX:{celex}" in url for url in source_urls())
            assert in_document or celex in external_facts(), celex


def test_each_external_fact_names_its_public_source_and_is_used():
    used = json.dumps(records(), ensure_ascii=False)
    for fact, entry in external_facts().items():
        assert entry["source"].startswith("https://"), fact
        assert entry["what"], fact
        assert fact in used, f"{fact} is allowlisted but no fixture uses it"
        assert fact not in document(), f"{fact} is in the document: no allowlist needed"


def covered(paragraph: str, pieces: list[str]) -> str:
    """What is left of `paragraph` once every fixture text found in it is taken out."""
    text, mask = paragraph.casefold(), [False] * len(paragraph)
    for piece in pieces:
        needle = piece.casefold()
        start = text.find(needle)
        while needle and start != -1:
            mask[start : start + len(needle)] = [True] * len(needle)
            start = text.find(needle, start + 1)
    return "".join(c for c, done in zip(paragraph, mask, strict=True) if not done)


def test_every_paragraph_of_the_document_is_in_some_fixture():
    pieces = [text for record in records() for _, text in texts_of(record)]
    lost = {
        paragraph: rest
        for paragraph in document().split("\n\n")
        if (rest := covered(paragraph, pieces).replace(":", "").strip())
    }
    assert lost == {}


def test_the_fixtures_are_what_the_derivation_produces():
    """fixtures/*.json are exactly `python -m fixtures.derive`'s output: derive them again
    after changing fixtures/derive, never edit the JSON by hand."""
    for name, part in PARTS.items():
        on_disk = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
        assert on_disk == part.records(), f"fixtures/{name}.json is stale"


def test_the_coverage_check_reports_what_no_fixture_holds():
    paragraph = "Conclusion It is important for the EU to combat"
    assert covered(paragraph, ["conclusion"]).strip() == "It is important for the EU to combat"
