"""Every change is recorded with who and when; editors compare two versions and revert."""

import pytest
from django.urls import reverse

from dossier_portal.editing.history import word_diff
from tests.support.admin_helpers import change_form_data, empty_inlines, make_editor
from tests.support.factories import make_measure, make_milestone
from timeline.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_editor("maria")
    client.force_login(user)
    return user


def edit_measure(client, measure, **changes):
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    data = {**change_form_data(measure, **changes), **empty_inlines("milestones", "documents")}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    measure.refresh_from_db()
    return measure


def test_an_admin_change_is_recorded_with_its_editor(client, editor):
    measure = edit_measure(client, make_measure(), summary="The new text.")
    latest = measure.history.first()
    assert latest.history_user == editor
    assert latest.history_type == "~"
    assert latest.summary == "The new text."


def test_history_page_lists_versions_and_offers_a_comparison(client, editor):
    measure = edit_measure(client, make_measure(summary="Old words."), summary="New words.")
    page = client.get(reverse("admin:timeline_measure_history", args=[measure.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Compare two versions" in text
    assert "maria" in text


def test_comparing_two_versions_marks_the_words_that_changed(client, editor):
    measure = make_measure(summary="The proposal is in negotiation.", status="in-negotiation")
    measure = edit_measure(client, measure, summary="The proposal was adopted.", status="adopted")
    newer, older = measure.history.all()[:2]
    url = reverse("admin:timeline_measure_compare", args=[measure.pk])

    page = client.get(url, {"older": older.history_id, "newer": newer.history_id})

    text = page.content.decode()
    assert page.status_code == 200
    assert (
        "The proposal <del>is</del><ins>was</ins> <del>in negotiation.</del><ins>adopted.</ins>"
        in text
    )
    assert "<del>In negotiation</del><ins>Adopted</ins>" in text
    assert "Updated at" not in text  # only what an editor can change


def test_comparison_with_unknown_versions_is_a_form_error_not_a_crash(client, editor):
    measure = make_measure()
    url = reverse("admin:timeline_measure_compare", args=[measure.pk])
    assert client.get(url, {"older": "abc", "newer": "999999"}).status_code == 200
    assert client.get(reverse("admin:timeline_measure_compare", args=["abc"])).status_code == 404


def test_reverting_restores_the_earlier_text_and_is_itself_recorded(client, editor):
    measure = make_measure(summary="First wording.")
    measure = edit_measure(client, measure, summary="Second wording.")
    first = measure.history.earliest()
    revert_url = reverse("admin:timeline_measure_simple_history", args=[measure.pk, first.pk])

    form_page = client.get(revert_url)
    assert "First wording." in form_page.content.decode()
    data = {**change_form_data(first.instance), **empty_inlines("milestones", "documents")}
    assert client.post(revert_url, data).status_code == 302

    measure.refresh_from_db()
    assert measure.summary == "First wording."
    assert "First wording." in measure.summary_html
    assert measure.history.count() == 3


def test_malformed_ids_in_history_urls_answer_404(client, editor):
    measure = make_measure()
    assert client.get(f"/admin/timeline/measure/{measure.pk}/history/abc/").status_code == 404
    assert client.get("/admin/timeline/measure/abc/history/").status_code == 404
    assert client.get("/admin/timeline/measure/abc/history/1/").status_code == 404


def test_word_diff_escapes_what_the_editor_typed():
    assert word_diff("a <b>", "a <i>") == "a <del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>"


def test_reverting_a_slug_keeps_both_addresses_alive(client, editor):
    measure = make_measure(slug="first-slug")
    measure = edit_measure(client, measure, slug="second-slug")
    first = measure.history.earliest()
    revert_url = reverse("admin:timeline_measure_simple_history", args=[measure.pk, first.pk])
    data = {**change_form_data(first.instance), **empty_inlines("milestones", "documents")}
    assert client.post(revert_url, data).status_code == 302

    assert Measure.objects.get(pk=measure.pk).slug == "first-slug"
    client.logout()
    response = client.get("/timeline/second-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/timeline/first-slug/"
    assert client.get("/timeline/first-slug/").status_code == 200


def test_history_page_lists_changes_to_the_milestones_edited_with_it(client, editor):
    measure = make_measure()
    milestone = make_milestone(measure, title="Council position adopted")
    milestone.title = "Council general approach adopted"
    milestone.save()

    page = client.get(reverse("admin:timeline_measure_history", args=[measure.pk]))

    text = page.content.decode()
    assert "Changes to its parts" in text
    assert "Council <del>position</del><ins>general approach</ins> adopted" in text
    assert reverse("admin:timeline_milestone_history", args=[milestone.pk]) in text


def test_comparison_names_the_measures_a_measure_replaces(client, editor):
    older_directive = make_measure(short_title="Framework Decision")
    measure = edit_measure(client, make_measure(), replaces=[older_directive.pk])
    newer, older = measure.history.all()[:2]
    url = reverse("admin:timeline_measure_compare", args=[measure.pk])
    page = client.get(url, {"older": older.history_id, "newer": newer.history_id})
    assert "<ins>Framework Decision</ins>" in page.content.decode()
