"""No lost update: a change form carries the version it was opened at, and a save over a newer
version is refused with who changed the record, when and what, the editor's input kept in the
form; an inline row changed or deleted meanwhile says so on the row."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.support.admin_helpers import make_editor
from tests.support.form_reader import form_data
from timeline.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(dossier):
    return Measure.objects.get(slug="csa-regulation")


def editor(username: str) -> Client:
    client = Client()
    client.force_login(make_editor(username))
    return client


def open_form(client, measure) -> dict:
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    return form_data(client.get(url).content.decode(), "measure_form")


def save(client, measure, data, **changes):
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    return client.post(url, {**data, **{name: [value] for name, value in changes.items()}})


def test_the_second_save_is_refused_with_who_when_and_what(measure):
    anna, ben = editor("anna"), editor("ben")
    annas_form, bens_form = open_form(anna, measure), open_form(ben, measure)
    assert annas_form["opened_version"] != [""]
    assert save(ben, measure, bens_form, status="adopted").status_code == 302

    response = save(anna, measure, annas_form, status_text="Anna's status text")

    assert response.status_code == 200
    page = response.content.decode()
    assert "ben changed this record on" in page
    assert "Status: “In negotiation” → “Adopted”" in page.replace("&ldquo;", "“")
    assert "Anna&#x27;s status text" in page  # her input is still there
    measure.refresh_from_db()
    assert measure.status == "adopted"
    assert measure.status_text != "Anna's status text"


def test_saving_again_after_the_warning_goes_through(measure):
    anna, ben = editor("anna"), editor("ben")
    annas_form, bens_form = open_form(anna, measure), open_form(ben, measure)
    save(ben, measure, bens_form, status="adopted")
    refused = save(anna, measure, annas_form, status_text="Checked", status="adopted")

    again = form_data(refused.content.decode(), "measure_form")
    assert save(anna, measure, again).status_code == 302

    measure.refresh_from_db()
    assert (measure.status, measure.status_text) == ("adopted", "Checked")


def test_a_row_deleted_by_another_editor_shows_its_error_on_the_row(measure):
    anna = editor("anna")
    annas_form = open_form(anna, measure)
    measure.milestones.first().delete()

    response = save(anna, measure, annas_form, status_text="Anna's change")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Row 1 (“Parliament reached an agreement on the proposal”) was deleted by another" in (
        page.replace("&ldquo;", "“").replace("&rdquo;", "”")
    )
    assert "Anna&#x27;s change" in page


def test_a_row_changed_by_another_editor_is_refused_on_the_row(measure):
    anna, ben = editor("anna"), editor("ben")
    annas_form, bens_form = open_form(anna, measure), open_form(ben, measure)
    save(ben, measure, bens_form, **{"milestones-0-title": "Ben's title"})

    response = save(anna, measure, annas_form, **{"milestones-0-title": "Anna's title"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "ben changed this record on" in page
    assert "Ben&#x27;s title" in page.replace("’", "'")
    assert measure.milestones.filter(title="Ben's title").exists()
