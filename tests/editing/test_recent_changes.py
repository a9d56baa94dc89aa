"""Recent changes: every change across the content types, newest first, with who, when and
what, filterable by editor and type; restores and reverts say so."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from organisations.models import Organisation, Person
from tests.support.admin_helpers import change_form_data, empty_inlines, make_editor
from tests.support.form_reader import form_data
from timeline.models import Measure

pytestmark = pytest.mark.django_db


def editor(username: str) -> Client:
    client = Client()
    client.force_login(make_editor(username))
    return client


def rows(client, query: str = "") -> list[str]:
    page = client.get(reverse("recent-changes") + query).content.decode()
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [" ".join(row.split()) for row in body.split("<tr>")[1:]]


def test_changes_are_listed_newest_first_with_who_and_what(dossier):
    anna, ben = editor("anna"), editor("ben")
    measure = Measure.objects.get(slug="csa-regulation")
    anna.post(
        reverse("admin:timeline_measure_change", args=[measure.pk]),
        {
            **change_form_data(measure, status_text="adopted"),
            **empty_inlines("milestones", "documents"),
        },
    )
    eurochild = Organisation.objects.get(slug="eurochild")
    delete_url = reverse("admin:organisations_organisation_delete", args=[eurochild.pk])
    ben.post(delete_url, {"post": "yes"})
    (deletion,) = Version.objects.get_deleted(Organisation)
    url = reverse("admin:organisations_organisation_recover", args=[deletion.pk])
    ben.post(url, form_data(ben.get(url).content.decode(), "organisation_form"))

    listed = rows(anna)

    assert "<td>ben</td>" in listed[0]  # the newest
    assert "Restored after its deletion" in listed[0]
    assert any("Restored" in row and "Organisation “Eurochild”" in row for row in listed)
    assert any("Deleted" in row and "Organisation “Eurochild”" in row for row in listed)
    changed = next(row for row in listed if "CSA Regulation" in row)
    assert "anna" in changed
    assert "/history/compare/?version_id1=" in changed
    assert any("load_dossier (the dossier&#x27;s fixtures)" in row for row in listed)
    annas_id = Version.objects.get_for_object(measure).first().revision.user_id
    assert all("anna" in row for row in rows(anna, f"?editor={annas_id}"))
    assert all("Organisation" in row for row in rows(anna, "?type=organisations.organisation"))


def test_a_revert_is_labelled(dossier):
    anna = editor("anna")
    person = Person.objects.get(slug="katrin-lange")
    first = Version.objects.get_for_object(person).first()
    url = reverse("admin:organisations_person_change", args=[person.pk])
    anna.post(url, {**change_form_data(person, name="Katrin L."), **empty_inlines("affiliations")})
    url = reverse("admin:organisations_person_revision", args=[person.pk, first.pk])
    anna.post(url, form_data(anna.get(url).content.decode(), "person_form"))

    assert Person.objects.get(pk=person.pk).name == "Katrin Lange"
    assert "Reverted to an earlier version" in rows(anna)[0]


def test_readers_cannot_see_recent_changes(client):
    response = client.get(reverse("recent-changes"))
    assert response.status_code == 302
