"""Every change is recorded with who and when, a record with its parts as one revision;
editors compare two versions and revert the record with its parts."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from dossier_portal.editing.history import word_diff
from tests.support.admin_helpers import change_form_data, empty_inlines, inline_rows, make_editor
from tests.support.factories import make_measure, make_milestone
from tests.support.form_reader import form_data
from timeline.models import Measure, Milestone

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


def versions(record):
    return Version.objects.get_for_object(record)


def test_an_admin_change_is_recorded_with_its_editor(client, editor):
    measure = edit_measure(client, make_measure(), summary="The new text.")
    latest = versions(measure).first()
    assert latest.revision.user == editor
    assert latest.field_dict["summary"] == "The new text."


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
    newer, older = versions(measure)[:2]
    url = reverse("admin:timeline_measure_compare", args=[measure.pk])

    page = client.get(url, {"version_id1": older.pk, "version_id2": newer.pk})

    text = page.content.decode()
    assert page.status_code == 200
    assert (
        "The proposal <del>is</del><ins>was</ins> <del>in negotiation.</del><ins>adopted.</ins>"
        in text
    )
    assert "<del>In negotiation</del><ins>Adopted</ins>" in text
    assert "Updated at" not in text  # only what an editor can change


def test_comparison_with_unknown_versions_is_a_404_not_a_crash(client, editor):
    measure = make_measure()
    url = reverse("admin:timeline_measure_compare", args=[measure.pk])
    assert client.get(url, {"version_id1": "abc", "version_id2": "999999"}).status_code == 404
    assert client.get(url, {"version_id1": "1", "version_id2": "999999"}).status_code == 404
    assert client.get(reverse("admin:timeline_measure_compare", args=["abc"])).status_code == 404


def test_reverting_restores_the_earlier_text_and_is_itself_recorded(client, editor):
    measure = make_measure(summary="First wording.")
    measure = edit_measure(client, measure, summary="Second wording.")
    first = versions(measure).last()
    revert_url = reverse("admin:timeline_measure_revision", args=[measure.pk, first.pk])

    form_page = client.get(revert_url).content.decode()
    assert "First wording." in form_page
    assert client.post(revert_url, form_data(form_page, "measure_form")).status_code == 302

    measure.refresh_from_db()
    assert measure.summary == "First wording."
    assert "First wording." in measure.summary_html
    assert versions(measure).count() == 3


def test_malformed_ids_in_history_urls_answer_404(client, editor):
    measure = make_measure()
    assert client.get(f"/admin/timeline/measure/{measure.pk}/history/999999/").status_code == 404
    assert client.get("/admin/timeline/measure/abc/history/").status_code == 404
    assert client.get("/admin/timeline/measure/abc/history/1/").status_code == 404


def test_word_diff_escapes_what_the_editor_typed():
    assert word_diff("a <b>", "a <i>") == "a <del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>"


def test_reverting_a_slug_keeps_both_addresses_alive(client, editor):
    measure = make_measure(slug="first-slug")
    measure = edit_measure(client, measure, slug="second-slug")
    first = versions(measure).last()
    revert_url = reverse("admin:timeline_measure_revision", args=[measure.pk, first.pk])
    form_page = client.get(revert_url).content.decode()
    assert client.post(revert_url, form_data(form_page, "measure_form")).status_code == 302

    assert Measure.objects.get(pk=measure.pk).slug == "first-slug"
    client.logout()
    response = client.get("/timeline/second-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/timeline/first-slug/"
    assert client.get("/timeline/first-slug/").status_code == 200


def test_a_save_with_its_milestones_is_one_revision_listed_with_their_changes(client, editor):
    measure = edit_measure(client, make_measure())
    milestone = make_milestone(measure, title="Council position adopted")
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    rows = inline_rows("milestones", [milestone], title="Council general approach adopted")
    data = {**change_form_data(measure), **rows, **empty_inlines("documents")}
    assert client.post(url, data).status_code == 302

    latest = versions(measure).first()
    saved = {version.object_repr for version in latest.revision.version_set.all()}
    assert saved == {str(measure), str(Milestone.objects.get(pk=milestone.pk))}
    page = client.get(reverse("admin:timeline_measure_history", args=[measure.pk]))
    assert "Council <del>position</del><ins>general approach</ins> adopted" in page.content.decode()


def test_reverting_brings_the_milestones_back_as_they_were(client, editor):
    measure = make_measure()
    kept = make_milestone(measure, title="Proposal published")
    edit_measure(client, measure, summary="Before the milestones changed.")
    first = versions(measure).first()
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    rows = inline_rows("milestones", [kept], title="Renamed")
    added = {
        "milestones-1-title": "Added later",
        "milestones-1-slug": "added-later",
        "milestones-1-date": "2024-01-01",
        "milestones-1-date_precision": "day",
        "milestones-1-is_published": "on",
        "milestones-TOTAL_FORMS": "2",
    }
    data = {**change_form_data(measure), **rows, **added, **empty_inlines("documents")}
    assert client.post(url, data).status_code == 302
    assert Milestone.objects.filter(measure=measure).count() == 2

    revert_url = reverse("admin:timeline_measure_revision", args=[measure.pk, first.pk])
    form_page = client.get(revert_url).content.decode()
    assert client.post(revert_url, form_data(form_page, "measure_form")).status_code == 302

    titles = list(Milestone.objects.filter(measure=measure).values_list("title", flat=True))
    assert titles == ["Proposal published"]


def test_comparison_names_the_measures_a_measure_replaces(client, editor):
    older_directive = make_measure(short_title="Framework Decision")
    measure = edit_measure(client, make_measure(), replaces=[older_directive.pk])
    newer, older = versions(measure)[:2]
    url = reverse("admin:timeline_measure_compare", args=[measure.pk])
    page = client.get(url, {"version_id1": older.pk, "version_id2": newer.pk})
    assert "<ins>Framework Decision</ins>" in page.content.decode()


def test_comparison_names_a_related_record_as_readers_see_it(client, editor):
    first, second = make_measure(short_title="CSA Regulation"), make_measure(short_title="DSA")
    milestone = make_milestone(first)
    milestone.measure = second
    with reversion.create_revision():
        milestone.save()
    newer, older = versions(milestone)[:2]
    url = reverse("admin:timeline_milestone_compare", args=[milestone.pk])
    page = client.get(url, {"version_id1": older.pk, "version_id2": newer.pk})
    assert "<del>CSA Regulation</del><ins>DSA</ins>" in page.content.decode()
