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
    "organisations.organisationlink": ["label"],
    "organisations.person": ["name"],
    "organisations.affiliation": ["role"],
    "timeline.measure": ["title", "reference", "status_text"],
    "timeline.milestone": ["title", "source_sentence"],
    "timeline.documentlink": ["label"],
    "articles.article": ["title", "standfirst", "signature", "section_label"],
    "articles.source": ["label"],
    "articles.interviewquestion": ["text"],
    "articles.keyfigure": [
        "value",
        "label",
        "subject",
        "where",
        "when",
        "according_to",
        "sentence",
    ],
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
NOT_FACTS = {
    "key",
    "slug",
    "anchor",
    "paragraph",
    "position",
    "celex",
    "kind",
    "body",
    "fixture_digest",
}
# The portal editors' own words to readers (what the source text lacks), checked on their own.
EDITORS_WORDS = {"note"}
# Date field: (its precision field, the precision when the fixture leaves it to the default).
DATES = {
    "founded_on": ("founded_precision", "year"),
    "date": ("date_precision", "day"),
    "status_as_of": (None, "month"),
}
# Headings and titles are set in capitals or title case in print: typography, not wording.
CASE_FREE = {"title", "section_label", "name", "heading", "label", "short_title"}
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
    if record["model"] == "organisations.helpresource":
        return []  # outside the dossier: checked against external_facts.json below
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
    if record["model"] == "organisations.helpresource":
        return []  # outside the dossier: checked against external_facts.json below
    fields = record["fields"]
    texts = [text for _, text in texts_of(record)]
    elsewhere = (
        NOT_FACTS
        | EDITORS_WORDS
        | URL_FIELDS
        | DATES.keys()
        | set(MARKDOWN.get(record["model"], []))
    )
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


def test_procedure_numbers_come_from_the_allowlist():
    procedures = [r["fields"]["procedure"] for r in records() if r["fields"].get("procedure")]
    assert procedures == ["2022/0155(COD)", "2024/0035(COD)"]
    for procedure in procedures:
        assert "europarl.europa.eu" in external_facts()[procedure]["source"], procedure


def test_stages_are_only_given_to_milestones_whose_sentence_names_that_stage():
    """A stage is the sentence's own report: the body and what it did are in the sentence."""
    words = {
        "parliament-position": ("Parliament", ("agreed its position", "reached an agreement")),
        "council-position": ("Council", ("adopted its position",)),
        "negotiations": ("Negotiations", ("began",)),
    }
    staged = [r["fields"] for r in records() if r["fields"].get("stage")]
    assert len(staged) == 4
    for fields in staged:
        body, did = words[fields["stage"]]
        sentence = fields["source_sentence"]
        assert body in sentence, fields["slug"]
        assert any(d in sentence for d in did), fields["slug"]


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


# Labels and metadata: what a reader takes for the dossier's word must be the dossier's word.


def test_short_names_are_the_dossiers_words_or_its_title_parts():
    """A short name is the dossier's ("CSA Regulation"), or one of its printed labels with a
    parenthesised part of the same title ("CSA Directive (recast)", "EU strategy (2020–2025)")."""
    for record in records():
        if record["model"] != "timeline.measure":
            continue
        short = record["fields"]["short_title"]
        name, _, part = short.partition(" (")
        assert occurs("short_title", name), short
        assert not part or f"({part}" in record["fields"]["title"], short


# Choices that are the page's structure, as "Source:" is, not something the dossier states: a
# date's precision, whether a person wrote an article or was interviewed in it, and the stage
# track's fixed steps (a milestone sits on one only where its own sentence names the stage:
# test_stages_are_only_given_to_milestones_whose_sentence_names_that_stage).
PAGE_STRUCTURE = {"date_precision", "founded_precision", "role", "stage"}


def choice_labels(record: dict) -> list[tuple[str, str]]:
    """(field, label shown to readers) for the record's choice fields."""
    from django.apps import apps

    model = apps.get_model(record["model"])
    shown = []
    for field in model._meta.fields:
        value = record["fields"].get(field.name)
        if field.choices and value and field.name not in PAGE_STRUCTURE:
            shown.append((field.name, str(dict(field.flatchoices)[value])))
    return shown


def test_kinds_statuses_and_bodies_are_shown_in_the_dossiers_words():
    """A kind or a body reads as the dossier names it; a status the dossier does not state
    outright is marked as the portal's reading (the page says so, next to the dossier's words)."""
    unstated = [
        (record["model"], field, label)
        for record in records()
        for field, label in choice_labels(record)
        if not occurs("label", label)
        and not (field == "status" and record["fields"].get("status_is_reading"))
    ]
    assert unstated == []


def test_a_status_read_by_the_portal_shows_the_dossiers_words_beside_it():
    for record in records():
        fields = record["fields"]
        if fields.get("status_is_reading"):
            assert fields.get("status_text"), fields["slug"]


def test_the_editors_notes_quote_only_the_dossier():
    quoted = [
        quote
        for record in records()
        for quote in re.findall(r"“([^”]+)”", record["fields"].get("note", ""))
    ]
    assert len(quoted) > 5
    assert [q for q in quoted if q.rstrip(".,") not in document()] == []


def test_the_editorial_and_each_article_with_footnotes_say_what_the_source_lacks():
    notes = {
        r["fields"]["slug"]: r["fields"]["note"]
        for r in records()
        if r["model"] == "articles.article"
    }
    assert "France and Spain" in notes["editorial"]
    assert "four recommendations" in notes["editorial"]
    assert all("footnotes are not included" in note for note in notes.values())


def dossier_voice() -> str:
    """What the dossier says in its own voice: everything but the interviewees' answers."""
    voice = [
        text
        for record in records()
        if record["model"] != "articles.interviewanswer"
        and record["model"] != "organisations.organisation"
        for _, text in texts_of(record)
    ]
    return "\n".join(voice).casefold()


def test_what_the_portal_says_of_an_organisation_is_not_an_interviewees_claim():
    """Eurochild is "the leading child rights network" in its officer's answer: that claim is
    shown in her answer, attributed to her, not as what the dossier says of Eurochild."""
    unattributed = [
        (record["fields"]["slug"], text)
        for record in records()
        if record["model"] == "organisations.organisation"
        for field, text in texts_of(record)
        if field not in {"name", "acronym", "aliases"} and text.casefold() not in dossier_voice()
    ]
    assert unattributed == []


def test_a_figure_from_an_answer_names_its_speaker_and_links_to_its_paragraph():
    answers = {
        (tuple(r["fields"]["question"]), r["fields"]["speaker"][0]): r["fields"]["body"]
        for r in records()
        if r["model"] == "articles.interviewanswer"
    }
    bodies = {
        r["fields"]["slug"]: r["fields"]["body"]
        for r in records()
        if r["model"] == "articles.article"
    }
    figures = [r["fields"] for r in records() if r["model"] == "articles.keyfigure"]
    assert len(figures) == 6
    for figure in figures:
        assert figure["value"] in figure["sentence"]
        assert figure["label"] in figure["sentence"]
        marker = "{: #" + figure["paragraph"] + "}"
        (article,) = figure["article"]
        if article == "interview":
            key = ((f"{article}/{figure['anchor']}",), figure["speaker"][0])
            assert marker in answers[key], figure["slug"]
            assert figure["sentence"] in answers[key], figure["slug"]
        else:
            assert figure["speaker"] is None
            assert marker in bodies[article], figure["slug"]


def test_the_figures_scope_is_given_where_the_dossier_gives_it():
    figures = {
        r["fields"]["slug"]: r["fields"] for r in records() if r["model"] == "articles.keyfigure"
    }
    assert figures["reports-2023"]["where"] == "In the EU alone"
    assert figures["csam-2023"]["when"] == "2023"
    assert figures["ai-csam-increase"]["according_to"] == "The Internet Watch Foundation"
    assert figures["ai-csam-increase"]["subject"] == "AI-generated CSAM"
    assert figures["eurochild-members"]["subject"] == "Eurochild"
    assert figures["voice-consultation"]["subject"] == "VOICE project"


HELP_TEXTS = ("name", "description", "phone", "url_label", "region", "source_title")


def test_every_help_resource_text_is_the_dossiers_or_an_outside_fact_from_its_own_source():
    resources = [r["fields"] for r in records() if r["model"] == "organisations.helpresource"]
    assert len(resources) == 3
    for fields in resources:
        for name in HELP_TEXTS[:-1]:
            text = fields.get(name)
            if not text or occurs("label", text):
                continue
            assert text in external_facts(), (fields["slug"], name, text)
            assert external_facts()[text]["source"] == fields["source_url"], (fields["slug"], text)
        titles = {
            f.get("source_title")
            for f in external_facts().values()
            if f["source"] == fields["source_url"]
        }
        assert titles == {fields["source_title"]}, fields["slug"]


def test_help_links_read_as_names_not_addresses():
    for record in records():
        if record["model"] == "organisations.helpresource":
            fields = record["fields"]
            assert "://" not in fields.get("url_label", "") + fields["source_title"]
            assert not fields.get("url") or fields.get("url_label")
