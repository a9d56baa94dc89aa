"""The cleaning of the source document: each PDF artefact the inventory lists, and nothing
else, is undone."""

import pytest

from dossier_portal.content.dossier_source import (
    blocks,
    document,
    is_furniture,
    join_lines,
    passage,
    source_urls,
)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["for communi-", "cation"], "for communication"),
        (["or cy-", "ber-grooming poses"], "or cyber-grooming poses"),  # soft, then real
        (["to Technology- ", "Assisted Child"], "to Technology-Assisted Child"),
        (["poses  ", "a challenge"], "poses a challenge"),
        ([" Katrin Lange is", "a political"], "Katrin Lange is a political"),
        (["protect affec", "ted children"], "protect affected children"),
        (["the Councilon combating"], "the Council on combating"),
    ],
)
def test_lines_are_joined_as_printed_words(lines, joined):
    assert join_lines(lines) == joined


@pytest.mark.parametrize(
    ("printed", "cleaned"),
    [
        (["in light of the measures", "outlined.1"], "in light of the measures outlined."),
        (["every year,14 presenting"], "every year, presenting"),
        (["on the ‘open web’,6 and"], "on the ‘open web’, and"),
        (["reported 1.3 million in 2023, and", "COM(2022) 209 final"],
         "reported 1.3 million in 2023, and COM(2022) 209 final"),
    ],
)  # fmt: skip
def test_footnote_markers_go_and_other_numbers_stay(printed, cleaned):
    assert join_lines(printed) == cleaned


@pytest.mark.parametrize(
    "line",
    [
        "https://eurochild.org/",
        "CIVIL SOCIETY PERSPECTIVES\t DOSSIER 1 | 2025",
        "9PAGE",
        "© Anatolii Stoiko / shutterstock.com (1667776870)",
    ],
)
def test_page_furniture_is_recognised(line):
    assert is_furniture(line)


def test_text_is_not_furniture():
    assert not is_furniture("Digital sexualised violence knows no national borders.")


def test_the_document_has_no_furniture_or_stray_characters_left():
    text = document()
    for artefact in ("https://", "DOSSIER 1 | 2025", "9PAGE", "shutterstock", "\ufffd", "\t"):
        assert artefact not in text


@pytest.mark.parametrize(
    "words",
    [
        "receiving unwanted sexual messages",  # a soft hyphen before a blank line
        "the protection of children from sexual",  # the replacement character
        "policy-making",
        "CSA-Regulation proposed",
        "on the occasion of the European Day",
        "children - using social media",  # a spaced hyphen used as a dash stays
    ],
)
def test_words_split_across_breaks_are_whole_again(words):
    assert words in document()


def test_paragraphs_cut_by_an_out_of_flow_title_are_joined():
    assert "cases of digital sexualised violence against children and youth is significantly" in (
        document()
    )
    assert "with a special focus on ensuring the proposed CSA-Regulation" in document()
    title = (
        "Introduction: What is digital sexualised violence against children and youth, and what "
        "is the EU doing to combat it?"
    )
    assert title in blocks()


def test_the_document_ends_where_the_interview_breaks_off():
    answer = passage("We need the CSA-Regulation proposed")
    assert answer.endswith("prosecution of in-person and online child sexual abuse")


def test_the_document_lists_49_links_to_30_addresses():
    assert len(source_urls()) == 49
    assert len(set(source_urls())) == 30


def test_a_passage_must_be_unambiguous():
    with pytest.raises(ValueError, match="occurs 2 times"):
        passage("Perpetrators can operate from one EU country")
