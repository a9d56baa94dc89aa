"""What the loaded dossier holds: every part the inventory lists, where the text puts it."""

import datetime
import html as html_lib
import re

import pytest

from articles.models import Article, InterviewAnswer, KeyFigure, Source
from dossier_portal.content.dossier_source import FOOTNOTE_MARKER, source_urls
from organisations.models import Organisation, OrganisationLink, Person
from timeline.models import DocumentLink, Measure, Milestone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dossier")]


def test_the_three_articles_in_the_dossiers_order():
    kinds = list(Article.objects.published().values_list("slug", "kind"))
    # France, Spain and the outlook the editorial announces are not in the document.
    assert kinds == [("editorial", "editorial"), ("introduction", "article"),
                     ("interview", "interview")]  # fmt: skip


def test_the_editorial_is_signed_and_keeps_its_six_paragraphs():
    editorial = Article.objects.get(slug="editorial")
    assert editorial.signature == "Katrin Lange, Observatory"
    assert editorial.body_html.count("<p>") == 6
    assert editorial.contributions.get().person.slug == "katrin-lange"


def test_the_introduction_keeps_its_headings_in_order():
    introduction = Article.objects.get(slug="introduction")
    headings = re.findall(r"<h(\d) id=\"[^\"]+\">(.*?)</h\d>", introduction.body_html)
    assert headings == [
        ("2", "What is (digital) sexualised violence?"),
        ("2", "What is the EU doing to combat digital sexualised violence?"),
        ("3", "Child Sexual Abuse Directive"),
        ("3", "Child Sexual Abuse Legislation"),
        ("4", "Overview of the key EU measures"),
        ("2", "Conclusion"),
        ("3", "Council of Europe and Lanzarote Convention"),
    ]


def test_the_key_measures_table_links_each_row_to_its_measure():
    body = Article.objects.get(slug="introduction").body_html
    table = body[body.index("<table>") : body.index("</table>")]
    rows = re.findall(r"<td>([^<]+)</td>\s*<td><a href=\"/timeline/([^/]+)/\"", table)
    assert [(when, slug) for when, slug in rows] == [
        ("22 December 2003", "framework-decision-2004-68-jha"),
        ("13 December 2011", "csa-directive-2011"),
        ("24 July 2020", "eu-strategy-2020-2025"),
        ("11 May 2022", "csa-regulation"),
        ("6 February 2024", "csa-directive-recast"),
    ]
    assert all(Measure.objects.published().filter(slug=slug).exists() for _, slug in rows)


def test_the_boxes_are_asides():
    assert '<aside aria-labelledby="council-of-europe-and-lanzarote-convention"' in (
        Article.objects.get(slug="introduction").body_html
    )
    assert '<aside aria-labelledby="further-organisations"' in (
        Article.objects.get(slug="interview").body_html
    )


def test_the_interview_keeps_its_questions_and_who_answers_each():
    answers = InterviewAnswer.objects.filter(question__article__slug="interview")
    asked = [(a.question.position, a.speaker.slug) for a in answers.select_related("question")]
    assert asked == [
        (1, "rhiannon-faye-mcdonald"), (1, "fabiola-bas-palomares"),
        (2, "fabiola-bas-palomares"), (2, "rhiannon-faye-mcdonald"),
        (3, "fabiola-bas-palomares"), (3, "rhiannon-faye-mcdonald"),
    ]  # fmt: skip


def test_only_the_last_answer_breaks_off_where_the_document_ends():
    broken = InterviewAnswer.objects.get(breaks_off=True)
    assert broken.question.position == 3
    assert broken.speaker.slug == "rhiannon-faye-mcdonald"
    assert broken.body.endswith("in-person and online child sexual abuse")  # not completed


def test_the_three_bios_belong_to_people():
    bios = dict(Person.objects.values_list("slug", "bio"))
    assert bios["katrin-lange"].startswith("Katrin Lange is a political scientist")
    assert bios["fabiola-bas-palomares"].endswith("core aims and values.")
    assert bios["rhiannon-faye-mcdonald"].endswith("(TACSA).")


def test_a_person_can_hold_several_roles():
    roles = Person.objects.get(slug="rhiannon-faye-mcdonald").affiliations.values_list(
        "organisation__slug", "role"
    )
    assert set(roles) == {("brave-movement", "survivor activist"),
                          ("marie-collins-foundation", "Head of Advocacy")}  # fmt: skip


def test_the_organisations_the_dossier_presents():
    presented = {"eurochild", "brave-movement", "marie-collins-foundation", "ecpat-international",
                 "safe-online", "eclag", "weprotect-global-alliance", "council-of-europe",
                 "observatory"}  # fmt: skip
    assert presented <= set(Organisation.objects.published().values_list("slug", flat=True))
    eclag = Organisation.objects.get(slug="eclag")
    assert (eclag.founded_display, eclag.founded_place) == ("April 2022", "Brussels")


def test_the_six_measures_and_their_status():
    assert Measure.objects.published().count() == 6
    regulation = Measure.objects.get(slug="csa-regulation")
    assert regulation.status == Measure.Status.IN_NEGOTIATION
    assert regulation.status_as_of_display == "October 2025"
    assert regulation.celex == "52022PC0209"
    recast = Measure.objects.get(slug="csa-directive-recast")
    assert list(recast.replaces.values_list("slug", flat=True)) == [
        "framework-decision-2004-68-jha"
    ]


@pytest.mark.parametrize(
    ("measure", "shown", "precision"),
    [
        ("csa-regulation", "November 2023", "month"),
        ("csa-directive-recast", "December 2024", "month"),
        ("csa-directive-recast", "June 2025", "month"),
        ("csa-directive-recast", "23 June 2025", "day"),
        ("csa-directive-2011", "2017", "year"),
        ("lanzarote-convention", "1 July 2010", "day"),
    ],
)
def test_each_dated_event_is_attached_to_the_measure_the_text_names(measure, shown, precision):
    milestones = Milestone.objects.filter(measure__slug=measure, date_precision=precision)
    assert shown in [m.date_display for m in milestones]


def test_the_recasts_events_are_in_date_order_not_printed_order():
    dates = Milestone.objects.filter(measure__slug="csa-directive-recast").values_list(
        "date", flat=True
    )
    assert list(dates) == [datetime.date(2024, 12, 1), datetime.date(2025, 6, 1),
                           datetime.date(2025, 6, 23)]  # fmt: skip


def test_every_url_of_the_document_is_a_source_of_the_article_on_whose_page_it_is():
    listed = set(Source.objects.values_list("url", flat=True))
    assert listed == set(source_urls())


def test_every_eur_lex_and_council_of_europe_link_belongs_to_a_measure_or_organisation():
    attached = set(DocumentLink.objects.values_list("url", flat=True)) | set(
        OrganisationLink.objects.values_list("url", flat=True)
    )
    official = {u for u in source_urls() if "eur-lex" in u or "coe.int" in u}
    assert official <= attached


def test_no_footnote_marker_is_left_in_any_text():
    texts = [*Article.objects.values_list("body", flat=True),
             *InterviewAnswer.objects.values_list("body", flat=True),
             *Person.objects.values_list("bio", flat=True)]  # fmt: skip
    assert [t for t in texts if FOOTNOTE_MARKER.search(t)] == []


def test_key_figures_point_at_their_sections():
    figures = {f.slug: f for f in Article.objects.get(slug="introduction").key_figures.all()}
    assert figures["reports-2023"].value == "1.3 million"
    assert figures["reports-2023"].get_absolute_url() == "/articles/introduction/#eu-reports-2023"
    assert figures["reports-2023"].where == "In the EU alone"


def words_of(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_each_key_figure_links_to_the_paragraph_it_stands_in(client):
    for figure in KeyFigure.objects.published():
        page, anchor = figure.get_absolute_url().split("#")
        html = client.get(page).content.decode()
        paragraph = re.search(rf'<p id="{anchor}">(.*?)</p>', html, flags=re.S)
        assert paragraph, figure.slug
        assert figure.value in html_lib.unescape(re.sub(r"<[^>]+>", "", paragraph.group(1))), (
            figure.slug
        )


def test_the_home_page_gives_each_figure_its_scope_and_its_speaker(client):
    page = words_of(client.get("/"))
    for words in [
        "1.3 million reports of sexualised violence against children and youth",
        "Where In the EU alone When 2023",
        "Of AI-generated CSAM According to The Internet Watch Foundation",
        "Of Eurochild",
        "Of VOICE project",
        "consulting with almost 500 children",
        "Said by Fabiola Bas Palomares in Interview about the commitment",
    ]:
        assert words in page
    assert "Source: Article" not in page


def test_the_api_gives_each_figure_its_scope_and_paragraph(client):
    interview = client.get("/api/v1/articles/interview/").json()
    figure = next(f for f in interview["key_figures"] if f["slug"] == "ai-csam-increase")
    assert figure["according_to"] == "The Internet Watch Foundation"
    assert figure["subject"] == "AI-generated CSAM"
    assert figure["speaker"] == "fabiola-bas-palomares"
    assert figure["url"].endswith("/articles/interview/#ai-generated-csam")
    assert interview["source"] == "Dossier 1 | 2025"
    assert interview["edited_at"] is None


def test_the_introductions_paragraph_broken_by_the_page_is_one_with_the_box_after_it():
    html = Article.objects.get(slug="introduction").body_html
    joined = html.index("abuse, and exploitation. Digital sexualised violence in the form")
    assert html.index("poses a direct threat to these rights.</p>") < html.index("<aside", joined)


@pytest.mark.parametrize(
    ("slug", "relations"),
    [
        (
            "framework-decision-2004-68-jha",
            ["Replaced by CSA Directive", "Would be replaced by CSA Directive (recast) — proposal"],
        ),
        (
            "csa-directive-2011",
            ["Replaced Framework Decision", "Being revised by CSA Directive (recast) — proposal"],
        ),
        (
            "csa-directive-recast",
            ["Would replace Framework Decision", "Proposes to recast CSA Directive"],
        ),
    ],
)
def test_relations_say_whether_they_are_done_or_proposed_from_both_ends(client, slug, relations):
    page = words_of(client.get(f"/timeline/{slug}/"))
    for relation in relations:
        assert relation in page
    assert "Replaced by CSA Directive (recast)" not in page


def test_each_status_shows_the_dossiers_words_and_says_when_it_is_the_portals_reading(client):
    directive = words_of(client.get("/timeline/csa-directive-2011/"))
    assert "Status: In force (the portal’s reading of “currently being revised”)" in directive
    regulation = words_of(client.get("/timeline/csa-regulation/"))
    assert "Status: In negotiation (status: October 2025" in regulation
    assert "portal’s reading" not in regulation
    timeline = words_of(client.get("/timeline/"))
    assert timeline.count("In negotiation (status: October 2025") == 2


def test_pages_as_loaded_say_they_are_the_dossiers_and_cite_an_accessed_date(client):
    for url in [
        "/articles/introduction/",
        "/timeline/csa-regulation/",
        "/organisations/eurochild/",
    ]:
        page = words_of(client.get(url))
        assert "From Dossier 1 | 2025" in page
        assert "Last updated" not in page
    assert "(accessed " in words_of(client.get("/articles/introduction/"))


def test_the_editors_notes_say_what_the_source_text_lacks(client):
    editorial = words_of(client.get("/articles/editorial/"))
    assert "Editors’ note" in editorial
    assert "France and Spain" in editorial
    assert "footnotes are not included" in words_of(client.get("/articles/interview/"))
