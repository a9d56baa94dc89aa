"""The timeline as CSV: in date order, without drafts, safe to open in a spreadsheet."""

import csv
import io

import pytest

from tests.support.factories import make_measure

pytestmark = pytest.mark.django_db


def test_the_timeline_as_csv_in_date_order_without_drafts(client, regulation):
    make_measure(short_title="Draft", is_published=False)
    response = client.get("/timeline.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["date"], r["entry"], r["measure"]) for r in rows] == [
        ("2022-05-11", "measure", "CSA Regulation"),
        ("2023-11", "milestone", "CSA Regulation"),
    ]
    assert rows[0]["celex"] == "52022PC0209"
    assert rows[1]["url"] == "http://testserver/timeline/csa-regulation/#council-position"


def test_csv_cells_never_open_as_spreadsheet_formulas(client):
    make_measure(short_title='=HYPERLINK("http://evil.example","click")', reference="+1-2")
    rows = list(csv.DictReader(io.StringIO(client.get("/timeline.csv").content.decode())))
    assert rows[0]["measure"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[0]["reference"] == "'+1-2"
    assert rows[0]["title"].startswith("Proposal"), "ordinary text is left as it is"
