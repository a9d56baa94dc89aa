"""A measure's page as a procedure file, on the real dossier: the short name as its heading, the
facts a reader checks first, the stage track built only from what the dossier reports, the links
to EUR-Lex and the Legislative Observatory, and a link control for each milestone. (In Chromium,
at phone and desktop width: tests/browser/test_procedure_file.py.)"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from tests.support.factories import make_measure, make_milestone
from tests.support.pages import main_of, text_of
from timeline.models import Measure
from timeline.procedure import stage_track

pytestmark = pytest.mark.django_db

NOT_REPORTED = "Not reported in the dossier"


def stages_of(response) -> list[str]:
    """Each stage of the track as its words read, the current one starting with "*"."""
    html = main_of(response)
    track = html[html.index('<ol class="stage-track">') : html.index("</ol>")]
    items = re.findall(r"<li\b([^>]*)>(.*?)</li>", track, flags=re.S)
    return [
        ("*" if 'aria-current="step"' in attributes else "")
        + " ".join(re.sub(r"<[^>]+>", " ", body).split())
        for attributes, body in items
    ]


class TestHeading:
    def test_the_short_name_is_the_heading_and_the_formal_title_is_under_it(self, client, dossier):
        html = main_of(client.get("/timeline/csa-regulation/"))
        assert re.search(
            r"<h1>CSA Regulation</h1>\s*<p class=\"measure__title\">Proposal for a regulation of "
            r"the European Parliament and of the Council laying down rules to prevent and combat "
            r"child sexual abuse</p>",
            html,
        )

    def test_status_reference_and_celex_come_right_under_the_title(self, client, dossier):
        page = text_of(client.get("/timeline/csa-regulation/"))
        header = page[page.index("CSA Regulation Proposal for a regulation") :]
        header = header[: header.index("Stages of the procedure")]
        for fact in [
            "Status: In negotiation (status: October 2025",
            "Reference COM(2022) 209 final",
            "CELEX number 52022PC0209",
            "Procedure 2022/0155(COD)",
        ]:
            assert fact in header, header


class TestOutsideLinks:
    def test_the_act_on_eur_lex_by_its_celex_number(self, client, dossier):
        html = main_of(client.get("/timeline/csa-directive-2011/"))
        assert (
            '<a href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0093" '
            'rel="noreferrer">The text on EUR-Lex</a>'
        ) in html

    @pytest.mark.parametrize(
        ("slug", "procedure"),
        [("csa-regulation", "2022/0155(COD)"), ("csa-directive-recast", "2024/0035(COD)")],
    )
    def test_the_procedure_file_in_the_legislative_observatory(
        self, client, dossier, slug, procedure
    ):
        html = main_of(client.get(f"/timeline/{slug}/"))
        assert (
            f'<a href="https://oeil.secure.europarl.europa.eu/oeil/popups/ficheprocedure.do?'
            f'reference={procedure}" rel="noreferrer">Procedure file in the Legislative '
            f"Observatory</a>"
        ) in html

    @pytest.mark.parametrize("slug", ["csa-directive-2011", "lanzarote-convention"])
    def test_no_procedure_link_without_a_sourced_procedure_number(self, client, dossier, slug):
        assert "oeil.secure.europarl.europa.eu" not in main_of(client.get(f"/timeline/{slug}/"))

    def test_no_eur_lex_link_without_a_celex_number(self, client, dossier):
        html = main_of(client.get("/timeline/lanzarote-convention/"))
        assert "The text on EUR-Lex" not in html


class TestStageTrack:
    def test_the_regulation_has_reached_parliaments_position_and_nothing_later_is_claimed(
        self, client, dossier
    ):
        assert stages_of(client.get("/timeline/csa-regulation/")) == [
            "Proposal 11 May 2022",
            "*Parliament’s position Latest stage reported November 2023",
            f"Council’s position {NOT_REPORTED}",
            f"Negotiations {NOT_REPORTED}",
            f"Adoption {NOT_REPORTED}",
            f"In force {NOT_REPORTED}",
        ]

    def test_the_recast_is_in_negotiations_each_stage_linking_to_its_milestone(
        self, client, dossier
    ):
        response = client.get("/timeline/csa-directive-recast/")
        assert stages_of(response) == [
            "Proposal 6 February 2024",
            "Parliament’s position June 2025",
            "Council’s position December 2024",
            "*Negotiations Latest stage reported 23 June 2025",
            f"Adoption {NOT_REPORTED}",
            f"In force {NOT_REPORTED}",
        ]
        html = main_of(response)
        for anchor in ("parliament-position", "council-position", "negotiations-began"):
            assert f'<a href="#{anchor}"><time' in html
            assert f'<li class="milestones__item" id="{anchor}">' in html

    @pytest.mark.parametrize(
        "slug", ["csa-directive-2011", "eu-strategy-2020-2025", "lanzarote-convention"]
    )
    def test_no_track_where_the_dossier_reports_no_legislative_procedure(
        self, client, dossier, slug
    ):
        assert "stage-track" not in main_of(client.get(f"/timeline/{slug}/"))

    def test_a_stage_is_the_milestones_own_and_the_latest_reported_is_current(self):
        act = make_measure(kind=Measure.Kind.REGULATION, date=datetime.date(2024, 6, 1))
        make_milestone(act, slug="in-force", stage="in-force", date=datetime.date(2024, 7, 1))
        make_milestone(act, slug="other", date=datetime.date(2024, 8, 1))
        track = stage_track(act, list(act.milestones.all()))
        # An adopted act's own date is not taken for a proposal's.
        assert [(s.label, s.is_reported, s.is_current) for s in track] == [
            ("Proposal", False, False),
            ("Parliament’s position", False, False),
            ("Council’s position", False, False),
            ("Negotiations", False, False),
            ("Adoption", False, False),
            ("In force", True, True),
        ]
        assert track[-1].anchor == "in-force"

    def test_a_proposal_alone_is_at_its_first_stage(self):
        proposal = make_measure()
        track = stage_track(proposal, [])
        assert [s.label for s in track if s.is_current] == ["Proposal"]
        assert [s.label for s in track if s.is_reported] == ["Proposal"]

    def test_a_council_of_europe_treaty_has_no_eu_track(self):
        convention = make_measure(kind=Measure.Kind.CONVENTION, body=Measure.Body.COUNCIL_OF_EUROPE)
        make_milestone(convention, stage="in-force")
        assert stage_track(convention, list(convention.milestones.all())) == []


class TestMilestoneLinks:
    def test_each_milestone_has_a_link_and_a_copy_link_to_its_anchor(self, client, dossier):
        html = main_of(client.get("/timeline/csa-directive-recast/"))
        for anchor in ("council-position", "parliament-position", "negotiations-began"):
            described = f'href="#{anchor}" aria-describedby="{anchor}-title"'
            assert f'<a class="milestones__link" {described}>Link to this milestone</a>' in html
            assert f'<a class="milestones__link" {described} data-copy-link>Copy link</a>' in html
        assert '<p class="copy-status" role="status" data-copy-status></p>' in html

    def test_a_milestone_says_which_stage_it_reports(self, client, dossier):
        page = text_of(client.get("/timeline/csa-regulation/"))
        assert "on the proposal Stage: Parliament’s position" in page


@pytest.mark.parametrize("value", ["2022/155(COD)", "COM(2022) 209", "2022/0155(cod)"])
def test_a_procedure_number_that_is_not_one_is_refused(value):
    measure = make_measure(procedure=value)
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "procedure" in error.value.message_dict
