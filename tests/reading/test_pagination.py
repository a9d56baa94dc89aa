"""Long lists are read a page at a time: a grown dossier never makes one page grow with it."""

import datetime
import re

import pytest

from tests.support.factories import make_article, make_measure, make_milestone, make_organisation
from tests.support.pages import within_budget

pytestmark = pytest.mark.django_db


def timeline_dates(response) -> list[str]:
    return re.findall(r'<time datetime="([^"]+)"', response.content.decode())


@pytest.fixture
def long_timeline():
    """30 measures with 4 milestones each: 150 entries, all on different days."""
    start = datetime.date(2000, 1, 1)
    for n in range(30):
        measure = make_measure(date=start + datetime.timedelta(days=10 * n))
        for m in range(1, 5):
            make_milestone(
                measure, date=start + datetime.timedelta(days=10 * n + m), date_precision="day"
            )


def test_the_timeline_shows_a_hundred_entries_a_page_in_date_order(client, long_timeline):
    first, second = client.get("/timeline/"), client.get("/timeline/?page=2")
    first_dates, second_dates = timeline_dates(first), timeline_dates(second)
    assert (len(first_dates), len(second_dates)) == (100, 50)
    assert first_dates + second_dates == sorted(first_dates + second_dates)
    assert "150 entries, page 1 of 2." in first.content.decode()
    assert 'rel="next"' in first.content.decode()
    assert 'rel="prev"' in second.content.decode()


# Not named `page`, pytest-playwright's fixture: the tests were parametrized by browser too.
@pytest.mark.parametrize(
    "number", ["abc", "0", "-3", "999", "1e9", "%00", "92233720368547760", "-92233720368547760"]
)
def test_a_page_number_that_is_no_page_still_answers(client, long_timeline, number):
    response = client.get(f"/timeline/?page={number}")
    assert response.status_code == 200
    assert len(timeline_dates(response)) in (100, 50)


def test_filters_are_kept_from_page_to_page(client, long_timeline):
    page = client.get("/timeline/?kind=proposed-regulation").content.decode()
    assert "?kind=proposed-regulation&amp;page=2" in page


def test_a_timeline_page_costs_the_same_queries_whatever_its_length(
    client, long_timeline, django_assert_max_num_queries
):
    within_budget("/timeline/?page=2", django_assert_max_num_queries)


def test_the_directory_shows_fifty_organisations_a_page(client):
    for n in range(60):
        make_organisation(name=f"Organisation number {n:02d}", position=n)
    first = client.get("/organisations/").content.decode()
    second = client.get("/organisations/?page=2").content.decode()
    assert "Organisation number 49" in first
    assert "Organisation number 50" not in first
    assert "Organisation number 50" in second


def test_the_home_page_lists_the_first_thirty_and_links_to_the_rest(client):
    for n in range(35):
        make_article(title=f"Article number {n:02d}", position=100 + n)
        make_organisation(name=f"Organisation number {n:02d}", position=n)
    home = client.get("/").content.decode()
    assert "Article number 29" in home
    assert "Article number 30" not in home
    assert "Organisation number 29" in home
    assert "Organisation number 30" not in home
    assert 'href="/articles/">All articles</a>' in home
    assert 'href="/organisations/">All organisations</a>' in home
    articles = client.get("/articles/").content.decode()
    assert "Article number 34" in articles


def test_a_small_dossier_shows_no_page_links(client):
    make_organisation()
    make_article()
    home = client.get("/").content.decode()
    assert "All articles" not in home
    assert "All organisations" not in home
    assert "Page 1 of" not in client.get("/organisations/").content.decode()


def test_a_timeline_page_counts_all_its_entries(client, long_timeline):
    response = client.get("/timeline/?page=2")
    assert "150 entries, page 2 of 2." in response.content.decode()
    assert len(timeline_dates(response)) == 50
