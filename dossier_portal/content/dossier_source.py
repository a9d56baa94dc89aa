"""The source document's text, cleaned of its PDF artefacts and nothing else.

The fixtures are derived from this text (fixtures/derive) and tested against it
(tests/content/test_provenance.py), so both read the document through this one module. See
fixtures/README.md for every rule below and the judgement calls behind them.

This module imports no app.
"""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

SOURCE_PATH = (
    Path(__file__).resolve().parents[2] / "fixtures" / "source" / "000_d3de99d6d6f7c1cc.txt"
)

# Page furniture: lines that belong to the printed page, not to the text.
URL_LINE = re.compile(r"^https?://\S+$")
RUNNING_HEAD = re.compile(r"^CIVIL SOCIETY PERSPECTIVES\s+DOSSIER 1 \| 2025$")
PAGE_NUMBER = re.compile(r"^\d+PAGE$")
IMAGE_CREDIT = re.compile(r"^© .+ / shutterstock\.com \(\d+\)$")

# A footnote marker is a number glued to the end of a word after its punctuation ("outlined.1",
# "every year,14", "‘open web’,6"). The document has none of the notes they point to.
FOOTNOTE_MARKER = re.compile(r"(?<=[a-z][.,])\d{1,2}(?=\s|$)|(?<=[a-z]’,)\d{1,2}(?=\s|$)")

# Titles the PDF prints after the text of their first page, inside a sentence they interrupt.
PRINTED_OUT_OF_FLOW = ("Introduction: What is digital", "Interview about the commitment")

# Two artefacts no general rule can tell from real text: a word split without a hyphen and a
# lost space. Each occurs once (INVENTORY.md §8 items 7 and 8).
REPAIRS = {"affec ted": "affected", "Councilon": "Council on"}

# A paragraph the page breaks after a full sentence, with a box printed in between: the part
# after the box goes on ("…poses a direct threat to these rights" points back to "the right to
# protection from violence, abuse, and exploitation"). (first words, first words of the rest)
BROKEN_BY_A_BOX = (
    ("It is important for the EU to combat", "Digital sexualised violence in the form of the"),
)

SENTENCE_END = (".", "?", "!", ":")


@functools.cache
def raw_text() -> str:
    return SOURCE_PATH.read_text(encoding="utf-8")


def source_urls() -> list[str]:
    """Every link URL the document lists, in order, repeats included."""
    return [line.strip() for line in raw_text().splitlines() if URL_LINE.match(line.strip())]


@functools.cache
def blocks() -> tuple[str, ...]:
    """The document as paragraphs (headings, table rows and box paragraphs included), in
    reading order, cleaned of artefacts."""
    return tuple(
        _rejoin_across_boxes(_rejoin_interrupted(_lift_out_of_flow(_paragraphs(raw_text()))))
    )


@functools.cache
def document() -> str:
    """The cleaned document: its paragraphs separated by blank lines."""
    return "\n\n".join(blocks())


def is_furniture(line: str) -> bool:
    stripped = line.strip()
    return any(rule.match(stripped) for rule in (URL_LINE, RUNNING_HEAD, PAGE_NUMBER, IMAGE_CREDIT))


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs without furniture, their lines joined."""
    paragraphs, lines = [], []
    for line in text.replace("\ufffd", "").splitlines():
        if is_furniture(line):
            continue
        if line.strip():
            lines.append(line)
        elif lines:
            paragraphs.append(join_lines(lines))
            lines = []
    if lines:
        paragraphs.append(join_lines(lines))
    return paragraphs


def join_lines(lines: list[str]) -> str:
    """Join a paragraph's lines. A hyphen at a line end is a soft hyphen and goes, unless the
    PDF kept a space after it: then it is a real one ("Technology- " + "Assisted")."""
    text = lines[0].lstrip(" ")  # a page's first line starts with one space
    for previous, line in itertools.pairwise(lines):
        if previous.endswith("-"):
            text = text.rstrip()[:-1] + line.strip()
        elif previous.rstrip().endswith("-"):
            text = text.rstrip() + line.strip()
        else:
            text = text.rstrip() + " " + line.strip()
    text = FOOTNOTE_MARKER.sub("", text.rstrip())
    for wrong, right in REPAIRS.items():
        text = text.replace(wrong, right)
    return text


def _lift_out_of_flow(paragraphs: list[str]) -> list[str]:
    """Move each out-of-flow title to just before the paragraph it interrupts."""
    result = list(paragraphs)
    for start in PRINTED_OUT_OF_FLOW:
        index = next(i for i, p in enumerate(result) if p.startswith(start))
        title = result.pop(index)
        result.insert(index - 1, title)
    return result


def _rejoin_interrupted(paragraphs: list[str]) -> list[str]:
    """A paragraph that stops mid-sentence (no closing punctuation, or a soft hyphen) and is
    followed by one starting in lower case was cut by a column or page break: join them."""
    result: list[str] = []
    for paragraph in paragraphs:
        previous = result[-1] if result else ""
        if previous and paragraph[:1].islower() and not previous.endswith(SENTENCE_END):
            result[-1] = (
                previous[:-1] + paragraph if previous.endswith("-") else (f"{previous} {paragraph}")
            )
        else:
            result.append(paragraph)
    return result


def passage(start: str, end: str | None = None) -> str:
    """The cleaned words from `start` to `end` (to the end of the paragraph when `end` is None).
    Both must lie in one paragraph and `start` must occur once, so a passage is never ambiguous
    (the editorial echoes sentences of the introduction)."""
    text = document()
    if text.count(start) != 1:
        raise ValueError(f"{start!r} occurs {text.count(start)} times in the document")
    begin = text.index(start)
    paragraph_end = text.find("\n\n", begin)
    paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
    if end is None:
        return text[begin:paragraph_end]
    stop = text.find(end, begin, paragraph_end)
    if stop == -1:
        raise ValueError(f"{end!r} does not follow {start!r} in the same paragraph")
    return text[begin : stop + len(end)]


def _rejoin_across_boxes(paragraphs: list[str]) -> list[str]:
    """Join each paragraph of BROKEN_BY_A_BOX again; the box then follows the whole paragraph."""
    result = list(paragraphs)
    for start, rest in BROKEN_BY_A_BOX:
        first = next(i for i, p in enumerate(result) if p.startswith(start))
        second = next(i for i, p in enumerate(result) if p.startswith(rest))
        result[first] = f"{result[first]} {result.pop(second)}"
    return result
