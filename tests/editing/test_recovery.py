"""A deleted record is not lost: editors restore it with exactly what was deleted with it (its
parts, its many-to-many links), and not the parts deleted on purpose before."""

import pytest
from django.urls import reverse
from reversion.models import Version

from tests.support.admin_helpers import change_form_data, empty_inlines, inline_rows, make_editor
from tests.support.factories import make_measure, make_milestone
from tests.support.form_reader import form_data
from timeline.models import Measure, Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def delete_in_admin(client, record):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302


def restore(client, model=Measure):
    """Opens the deleted record's recovery form, as the list of deleted records links it, and
    saves it as shown."""
    (deletion,) = Version.objects.get_deleted(model)
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_recover", args=[deletion.pk])
    form = form_data(client.get(url).content.decode(), f"{opts.model_name}_form")
    return client.post(url, form, follow=True)


def test_a_deleted_measure_is_listed_and_restored_with_its_milestones(editor_client):
    measure = make_measure(short_title="CSA Regulation", slug="csa-regulation")
    make_milestone(measure, title="Council position")
    delete_in_admin(editor_client, measure)

    listing = editor_client.get(reverse("admin:timeline_measure_recoverlist")).content.decode()
    assert "CSA Regulation" in listing
    response = restore(editor_client)

    assert response.status_code == 200
    restored = Measure.objects.get(slug="csa-regulation")
    assert restored.pk == measure.pk
    assert Milestone.objects.get(measure=restored).title == "Council position"
    assert editor_client.get(restored.get_absolute_url()).status_code == 200


def test_restoring_leaves_out_the_parts_deleted_on_purpose_before(editor_client):
    measure = make_measure(slug="csa-regulation")
    kept, removed_inline, removed_alone = (
        make_milestone(measure, title=title) for title in ("Kept", "Removed inline", "Removed")
    )
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    rows = inline_rows("milestones", [kept, removed_inline])
    data = {**change_form_data(measure), **rows, "milestones-1-DELETE": "on"}
    assert editor_client.post(url, {**data, **empty_inlines("documents")}).status_code == 302
    delete_in_admin(editor_client, removed_alone)
    delete_in_admin(editor_client, measure)

    restore(editor_client)

    titles = Milestone.objects.filter(measure__slug="csa-regulation").values_list("title")
    assert list(titles) == [("Kept",)]


def test_a_record_whose_slug_was_taken_since_is_not_restored_and_the_editor_is_told(editor_client):
    measure = make_measure(slug="csa-regulation")
    delete_in_admin(editor_client, measure)
    make_measure(slug="csa-regulation")

    response = restore(editor_client)

    assert "Could not save" in response.content.decode()
    assert Measure.objects.filter(slug="csa-regulation").count() == 1


def test_only_a_saved_recovery_form_restores_and_only_for_editors(client, editor_client):
    measure = make_measure()
    delete_in_admin(editor_client, measure)
    (deletion,) = Version.objects.get_deleted(Measure)
    url = reverse("admin:timeline_measure_recover", args=[deletion.pk])
    assert editor_client.get(url).status_code == 200
    assert Measure.objects.count() == 0, "showing the form restores nothing"
    editor_client.logout()
    assert client.post(url).status_code == 302  # to the login page
    assert Measure.objects.count() == 0


def test_the_measure_list_links_to_the_deleted_ones(editor_client):
    page = editor_client.get(reverse("admin:timeline_measure_changelist")).content.decode()
    assert reverse("admin:timeline_measure_recoverlist") in page


def test_a_restored_measure_gets_back_the_measures_it_replaces(editor_client):
    older = make_measure(slug="older-decision", celex="")
    newer = make_measure(slug="newer-directive", celex="")
    newer.replaces.set([older])
    delete_in_admin(editor_client, newer)

    restore(editor_client)

    assert list(Measure.objects.get(slug="newer-directive").replaces.all()) == [older]


@pytest.mark.django_db(transaction=True)  # Postgres checks the links when the restore commits
def test_a_restored_measure_leaves_out_a_replaced_measure_deleted_since(editor_client):
    older = make_measure(slug="older-decision", celex="")
    newer = make_measure(slug="newer-directive", celex="")
    newer.replaces.set([older])
    delete_in_admin(editor_client, newer)
    delete_in_admin(editor_client, older)

    deletion = Version.objects.get_deleted(Measure).get(object_id=str(newer.pk))
    url = reverse("admin:timeline_measure_recover", args=[deletion.pk])
    form = form_data(editor_client.get(url).content.decode(), "measure_form")
    response = editor_client.post(url, form, follow=True)

    assert response.status_code == 200
    assert "1 link to records deleted since was left out." in response.content.decode()
    assert list(Measure.objects.get(slug="newer-directive").replaces.all()) == []
