"""The timeline page: every dated entry in order at its precision, its filters by kind, body and
status, and what it costs. (Its pages of a hundred: test_pagination.py.)"""

import pytest

from tests.support.factories import make_measure, make_milestone
from tests.support.pages import main_of, text_of, within_budget
from tests.support.reader_dossier import build_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    """The small reader's dossier (support/reader_dossier.py), as in test_pages.py."""
    return build_dossier()


class TestTimeline:
    def test_everything_in_date_order_grouped_by_year_at_its_precision(self, client, dossier):
        response = client.get("/timeline/")
        page = text_of(response)
        order = [
            "22 December 2003",
            "25 October 2007",
            "1 July 2010",
            "13 December 2011",
            "2017",
            "11 May 2022",
            "November 2023",
        ]
        positions = [page.index(date) for date in order]
        assert positions == sorted(positions)
        assert '<time datetime="2023-11">November 2023</time>' in main_of(response)
        assert '<h2 class="timeline__year-label" id="year-2017">2017</h2>' in main_of(response)

    def test_status_is_a_labelled_badge(self, client, dossier):
        assert "Status: In negotiation" in text_of(client.get("/timeline/"))

    @pytest.mark.parametrize(
        ("query", "shown", "hidden"),
        [
            ("kind=convention", "Lanzarote Convention", "CSA Regulation"),
            ("body=coe", "Entered into force", "CSA Directive"),
            ("status=in-negotiation", "Parliament reached an agreement", "Lanzarote Convention"),
        ],
    )
    def test_filters_by_kind_body_and_status(self, client, dossier, query, shown, hidden):
        page = text_of(client.get(f"/timeline/?{query}"))
        timeline = page[page.index("entr") :]
        assert shown in timeline
        assert hidden not in timeline

    @pytest.mark.parametrize("query", ["kind=treaty", "body=<script>", "status=", "x=1&kind="])
    def test_an_unknown_filter_value_is_ignored(self, client, dossier, query):
        response = client.get(f"/timeline/?{query}")
        assert response.status_code == 200
        assert "7 entries." in text_of(response)

    def test_costs_a_fixed_number_of_queries(self, client, dossier, django_assert_max_num_queries):
        for _ in range(5):
            make_milestone(make_measure())
        within_budget("/timeline/", django_assert_max_num_queries)
        within_budget("/timeline/?kind=directive", django_assert_max_num_queries)
