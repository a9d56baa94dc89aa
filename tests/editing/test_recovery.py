"""A deleted record is not lost: editors restore it, with the parts deleted with it."""

import pytest
from django.urls import reverse

from tests.support.admin_helpers import make_editor
from tests.support.factories import make_measure, make_milestone
from timeline.models import Measure, Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def delete_in_admin(client, measure):
    url = reverse("admin:timeline_measure_delete", args=[measure.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302


def test_a_deleted_measure_is_listed_and_restored_with_its_milestones(editor_client):
    measure = make_measure(short_title="CSA Regulation", slug="csa-regulation")
    make_milestone(measure, title="Council position")
    delete_in_admin(editor_client, measure)

    listing = editor_client.get(reverse("admin:timeline_measure_deleted")).content.decode()
    assert "CSA Regulation" in listing
    deletion = Measure.history.filter(history_type="-").get()
    response = editor_client.post(reverse("admin:timeline_measure_restore", args=[deletion.pk]))

    assert response.status_code == 302
    restored = Measure.objects.get(slug="csa-regulation")
    assert restored.pk == measure.pk
    assert Milestone.objects.get(measure=restored).title == "Council position"
    assert restored.history.first().history_type == "+"
    assert editor_client.get(restored.get_absolute_url()).status_code == 200


def test_a_record_whose_slug_was_taken_since_is_not_restored_and_the_editor_is_told(editor_client):
    measure = make_measure(slug="csa-regulation")
    delete_in_admin(editor_client, measure)
    make_measure(slug="csa-regulation")
    deletion = Measure.history.filter(history_type="-").get()

    response = editor_client.post(
        reverse("admin:timeline_measure_restore", args=[deletion.pk]), follow=True
    )

    assert "cannot be restored" in response.content.decode()
    assert Measure.objects.filter(slug="csa-regulation").count() == 1


def test_restoring_answers_only_post_and_only_editors(client, editor_client):
    measure = make_measure()
    delete_in_admin(editor_client, measure)
    deletion = Measure.history.filter(history_type="-").get()
    url = reverse("admin:timeline_measure_restore", args=[deletion.pk])
    assert editor_client.get(url).status_code == 405
    editor_client.logout()
    assert client.post(url).status_code == 302  # to the login page
    assert Measure.objects.count() == 0


def test_the_measure_list_links_to_the_deleted_ones(editor_client):
    page = editor_client.get(reverse("admin:timeline_measure_changelist")).content.decode()
    assert reverse("admin:timeline_measure_deleted") in page


def test_a_restored_measure_gets_back_the_measures_it_replaces(editor_client):
    older = make_measure(slug="older-decision", celex="")
    newer = make_measure(slug="newer-directive", celex="")
    newer.replaces.set([older])
    delete_in_admin(editor_client, newer)
    deletion = Measure.history.filter(history_type="-", slug="newer-directive").get()

    editor_client.post(reverse("admin:timeline_measure_restore", args=[deletion.pk]))

    assert list(Measure.objects.get(slug="newer-directive").replaces.all()) == [older]
