"""The reader's pages at the HTML level: what a person sees on each page, and what it costs."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import InterviewAnswer
from dossier_portal.content.management.commands.load_dossier import FIXTURE_DIR
from organisations.models import HelpResource
from tests.support.factories import make_article, make_milestone, make_organisation
from tests.support.pages import main_of, text_of, within_budget
from tests.support.reader_dossier import build_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return build_dossier()


@pytest.fixture
def help_resources():
    """The Get help records, as load_dossier loads them with the organisations."""
    call_command("load_dossier", FIXTURE_DIR / "organisations.json", stdout=StringIO())


def answer_about(dossier, text: str) -> InterviewAnswer:
    question = dossier.interview.questions.get()
    position = question.answers.count() + 1
    return InterviewAnswer.objects.create(
        question=question, position=position, speaker=dossier.interviewee, body=text
    )


class TestHome:
    def test_shows_the_cover_the_editorial_opening_and_the_contents_in_order(self, client, dossier):
        page = text_of(client.get("/"))
        assert "Dossier 1 | 2025" in page
        assert "Observatory for Sociopolitical Developments in Europe" in page
        assert "Young people feel at home in the digital world." in page
        assert "Sexual violence has serious consequences" not in page  # only the opening
        positions = [page.index(a.title) for a in (dossier.editorial, dossier.introduction)]
        assert positions == sorted(positions)

    def test_key_figures_say_where_they_come_from(self, client, dossier):
        html = main_of(client.get("/"))
        assert "1.3 million" in html
        assert 'href="/articles/introduction/#what-is-digital-sexualised-violence"' in html

    def test_latest_milestones_come_newest_first_at_their_precision(self, client, dossier):
        page = text_of(client.get("/"))
        assert page.index("November 2023") < page.index("2017 The Directive was evaluated")

    def test_lists_the_organisations(self, client, dossier):
        assert 'href="/organisations/ecpat-international/"' in main_of(client.get("/"))

    def test_hides_drafts(self, client, dossier):
        make_article(title="Unfinished outlook", is_published=False)
        assert "Unfinished outlook" not in text_of(client.get("/"))

    def test_costs_a_fixed_number_of_queries(self, client, dossier, django_assert_max_num_queries):
        for n in range(5):
            make_article(title=f"More {n}")
            make_milestone(dossier.regulation)
            make_organisation()
        within_budget("/", django_assert_max_num_queries)


class TestArticle:
    def test_shows_title_kind_authors_and_a_contents_list(self, client, dossier):
        response = client.get("/articles/introduction/")
        html = main_of(response)
        assert response.content.count(b"<h1") == 1
        assert '<p class="eyebrow">Article' in html
        assert '<a href="/organisations/people/katrin-lange/">Katrin Lange</a>' in html
        assert '<a href="#what-is-the-eu-doing-to-combat-digital-sexualised-violence">' in html
        assert '<a href="#child-sexual-abuse-directive">' in html

    def test_box_is_an_aside_and_the_table_a_table_linking_to_measures(self, client, dossier):
        html = main_of(client.get("/articles/introduction/"))
        assert '<aside aria-labelledby="council-of-europe-and-lanzarote-convention"' in html
        table = html[html.index("<table>") : html.index("</table>")]
        assert 'href="/timeline/csa-regulation/"' in table
        # Box titles are not sections of the text: they stay out of the contents list.
        toc = html[html.index('class="toc"') : html.index("</nav>")]
        assert "COUNCIL OF EUROPE" not in toc

    def test_the_contents_list_is_stored_when_the_article_is_saved(self):
        article = make_article(
            body='## Why & how\n\nText.\n\n### In practice\n\n!!! box "A box"\n    Aside.\n\n'
            "## Why & how\n\nAgain."
        )
        assert article.contents == [
            {
                "text": "Why & how",
                "anchor": "why-how",
                "children": [{"text": "In practice", "anchor": "in-practice", "children": []}],
            },
            {"text": "Why & how", "anchor": "why-how-2", "children": []},
        ]
        article.refresh_from_db()
        assert article.contents[1]["anchor"] == "why-how-2"

    def test_names_of_measures_and_organisations_link_to_their_pages(self, client, dossier):
        html = main_of(client.get("/articles/introduction/"))
        assert '<a class="xref" href="/timeline/lanzarote-convention/"' in html
        assert '<a class="xref" href="/organisations/ecpat-international/"' in html

    def test_bios_sources_and_last_updated(self, client, dossier):
        page = text_of(client.get("/articles/introduction/"))
        assert "Katrin Lange is a political scientist." in page
        assert "Project team" in page
        assert re.search(r"Last updated \d{1,2} \w+ \d{4}", page)

    def test_previous_and_next_follow_the_dossier_order(self, client, dossier):
        html = client.get("/articles/introduction/").content.decode()
        assert '<a href="/articles/editorial/" rel="prev">' in html
        assert '<a href="/articles/interview/" rel="next">' in html
        first = client.get("/articles/editorial/").content.decode()
        assert 'rel="prev"' not in first

    def test_interview_names_the_speaker_of_each_answer_and_where_the_text_ends(
        self, client, dossier
    ):
        html = main_of(client.get("/articles/interview/"))
        assert '<h2 class="qa__question" id="measures-needed">' in html
        assert (
            '<p class="qa__speaker"><a href="/organisations/people/fabiola-bas-palomares/">'
            "Fabiola Bas Palomares</a></p>" in html
        )
        assert "The source document ends here" in html
        assert '<a href="#measures-needed">' in html

    def test_drafts_are_for_editors_only_under_a_banner(self, client, dossier):
        draft = make_article(title="Outlook", slug="outlook", is_published=False)
        assert client.get(draft.get_absolute_url()).status_code == 404
        client.force_login(User.objects.create_user("editor", is_staff=True))
        page = text_of(client.get(draft.get_absolute_url()))
        assert "Draft: readers cannot see this." in page
        assert "Draft:" not in text_of(client.get(dossier.introduction.get_absolute_url()))

    def test_costs_a_fixed_number_of_queries(self, client, dossier, django_assert_max_num_queries):
        question = dossier.interview.questions.get()
        for n in range(2, 7):
            InterviewAnswer.objects.create(
                question=question, position=n, speaker=dossier.interviewee, body=f"Answer {n}"
            )
        within_budget("/articles/interview/", django_assert_max_num_queries)
        within_budget("/articles/introduction/", django_assert_max_num_queries)


class TestMeasure:
    def test_shows_what_a_person_citing_it_needs(self, client, dossier):
        page = text_of(client.get("/timeline/csa-directive/"))
        for fact in [
            "Directive 2011/93/EU on combating",
            "CSA Directive",
            "32011L0093",
            "Directive",
            "Status: In force",
            "Replaced Framework Decision 2004/68/JHA",
            "Directive 2011/93/EU on EUR-Lex",
        ]:
            assert fact in page

    def test_status_with_its_as_of_date_and_milestones_with_anchors(self, client, dossier):
        response = client.get("/timeline/csa-regulation/")
        assert "Status: In negotiation (status: October 2025" in text_of(response)
        assert '<li class="milestones__item" id="parliament-agreement">' in main_of(response)

    def test_replaced_by_is_shown_on_the_replaced_measure(self, client, dossier):
        page = text_of(client.get("/timeline/framework-decision-2004-68-jha/"))
        assert "Replaced by CSA Directive" in page

    def test_lists_where_the_dossier_mentions_it(self, client, dossier):
        html = main_of(client.get("/timeline/lanzarote-convention/"))
        assert '<a href="/articles/introduction/#conclusion">' in html
        regulation = main_of(client.get("/timeline/csa-regulation/"))
        assert '<a href="/articles/interview/#measures-needed">' in regulation

    def test_a_celex_number_leads_to_its_measure_for_good(self, client, dossier):
        response = client.get("/timeline/celex/32011l0093/")
        assert response.status_code == 301
        assert response["Location"] == "/timeline/csa-directive/"
        assert client.get("/timeline/celex/32099L0001/").status_code == 404
        assert client.get("/timeline/celex/%00%27/").status_code == 404

    def test_mentions_in_drafts_are_not_listed(self, client, dossier):
        make_article(
            title="Draft notes", body="## Notes\n\nThe Lanzarote Convention.", is_published=False
        )
        assert "Draft notes" not in text_of(client.get("/timeline/lanzarote-convention/"))

    def test_costs_a_fixed_number_of_queries(self, client, dossier, django_assert_max_num_queries):
        for n in range(5):
            make_milestone(dossier.convention, date=datetime.date(2015 + n, 1, 1))
            make_article(
                title=f"Also about Lanzarote {n}", body=f"## Part {n}\n\nThe Lanzarote Convention."
            )
        answer_about(dossier, "The Lanzarote Convention matters.")  # a second kind of source
        within_budget("/timeline/lanzarote-convention/", django_assert_max_num_queries)
        within_budget("/timeline/csa-directive/", django_assert_max_num_queries)


class TestOrganisations:
    def test_directory_says_what_and_when_founded(self, client, dossier):
        page = text_of(client.get("/organisations/"))
        assert "Global network" in page
        assert "Founded in Bangkok in 1990" in page

    def test_profile_shows_description_links_people_and_mentions(self, client, dossier):
        page = text_of(client.get("/organisations/ecpat-international/"))
        assert "This global network was founded in Bangkok in 1990." in page
        assert "Website ecpat.org" in page  # the address reads as the site's name
        assert 'href="https://ecpat.org/"' in client.get("/organisations/ecpat-international/").text
        assert "Introduction: What is digital sexualised violence" in page
        eurochild = text_of(client.get("/organisations/eurochild/"))
        assert "Fabiola Bas Palomares , Lead Policy & Advocacy Officer" in eurochild

    def test_person_page_shows_roles_bio_and_articles(self, client, dossier):
        page = text_of(client.get("/organisations/people/fabiola-bas-palomares/"))
        assert "Lead Policy & Advocacy Officer on Online Safety, Eurochild" in page
        assert "Interview about the commitment" in page

    def test_costs_a_fixed_number_of_queries(self, client, dossier, django_assert_max_num_queries):
        for n in range(5):
            make_organisation()
            make_article(title=f"ECPAT again {n}", body=f"## Part {n}\n\nECPAT.")
        within_budget("/organisations/", django_assert_max_num_queries)
        answer_about(dossier, "ECPAT works with us.")  # a second kind of source
        within_budget("/organisations/ecpat-international/", django_assert_max_num_queries)
        within_budget("/organisations/people/katrin-lange/", django_assert_max_num_queries)


class TestCareForTheSubject:
    def test_every_page_has_the_content_note_and_a_quick_exit_that_works_without_js(
        self, client, dossier
    ):
        html = client.get("/timeline/").content.decode()
        assert 'id="content-note-title"' in html
        exit_link = re.search(r'<a class="quick-exit" href="([^"]+)"', html)
        assert exit_link
        assert exit_link.group(1).startswith("https://")
        assert "<script" not in html.replace('<script src="/static/js/site.js">', "")

    def test_readers_get_no_cookies(self, client, dossier):
        for url in ["/", "/articles/introduction/", "/timeline/?kind=directive", "/help/"]:
            assert not client.get(url).cookies, url

    def test_nothing_is_loaded_from_another_site(self, client, dossier):
        html = client.get("/articles/introduction/").content.decode()
        loaded = re.findall(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="([^"]+)"', html)
        assert loaded
        # The canonical link names this site's own address; nothing else is absolute.
        assert all(url.startswith(("/", "http://testserver/")) for url in loaded), loaded

    def test_get_help_lists_resources_each_with_its_public_source(
        self, client, django_assert_max_num_queries, help_resources
    ):
        response = within_budget("/help/", django_assert_max_num_queries)
        page, html = text_of(response), main_of(response)
        assert "116 111" in page
        assert HelpResource.objects.published().count() == 3
        for resource in HelpResource.objects.published():
            assert resource.source_url.startswith("https://")
            assert f'href="{resource.source_url}" rel="noreferrer">{resource.source_title}<' in html
        # Links read as the services' names, never as web addresses.
        assert not re.search(r">\s*https?://", html)


class TestSitePages:
    def test_robots_txt(self, client):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        assert b"User-agent: *" in response.content

    def test_not_found_page_is_in_the_site_design(self, client):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert b'class="site-header"' in response.content
        assert response.content.count(b"<h1") == 1

    @pytest.mark.parametrize("template", ["500.html", "503.html"])
    def test_error_pages_render_without_request_or_database(self, template):
        from django.template.loader import render_to_string

        html = render_to_string(template)
        assert html.count("<h1") == 1
        assert 'class="site-header"' in html


@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("/articles/introduction/", "Contents"),
        ("/timeline/csa-regulation/", "Timeline"),
        ("/organisations/people/katrin-lange/", "Organisations"),
        ("/help/", "Get help"),
    ],
)
def test_the_main_navigation_marks_the_section_the_reader_is_in(client, dossier, url, section):
    nav = client.get(url).content.decode().split('aria-label="Main"')[1].split("</nav>")[0]
    assert re.findall(r'aria-current="true">([^<]+)</a>', nav) == [section]
