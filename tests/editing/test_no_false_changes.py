"""No change is recorded that nobody made, and history says what changed in readers' terms:
field labels, choice labels, words marked, load_dossier named as the author of what it loaded."""

import pytest
from django.urls import reverse
from reversion.models import Version

from tests.support.admin_helpers import change_form_data, empty_inlines, make_editor
from timeline.models import Measure

pytestmark = pytest.mark.django_db

MEASURE_INLINES = ("milestones", "documents")


@pytest.fixture
def editor_client(client, dossier):
    client.force_login(make_editor())
    return client


def post_measure(client, measure, **changes):
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    data = {**change_form_data(measure, **changes), **empty_inlines(*MEASURE_INLINES)}
    return client.post(url, data)


def test_line_endings_are_stored_as_the_site_writes_them(editor_client):
    measure = Measure.objects.get(slug="csa-regulation")
    summary = "First paragraph.\r\n\r\nSecond paragraph, changed."

    response = post_measure(editor_client, measure, summary=summary, aliases="A\rB")

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.summary == "First paragraph.\n\nSecond paragraph, changed."
    assert measure.aliases == "A\nB"


def test_a_form_saved_unchanged_records_no_version(editor_client):
    measure = Measure.objects.get(slug="csa-directive-2011")
    before = Version.objects.get_for_object(measure).count()

    response = post_measure(editor_client, measure, summary=measure.summary.replace("\n", "\r\n"))

    assert response.status_code == 302
    assert Version.objects.get_for_object(measure).count() == before


def test_history_shows_labels_readers_see_and_a_word_diff(editor_client):
    measure = Measure.objects.get(slug="csa-regulation")
    post_measure(
        editor_client,
        measure,
        status="adopted",
        summary=measure.summary + " An editor's added sentence.",
    )

    page = editor_client.get(reverse("admin:timeline_measure_history", args=[measure.pk]))

    text = page.content.decode()
    assert "<strong>Status:</strong>" in text
    assert "<del>In negotiation</del><ins>Adopted</ins>" in text.replace("\n", "")
    assert "<ins>An editor&#x27;s added sentence.</ins>" in text or "<ins> An" in text
    assert "chars]" not in text
    assert "in-negotiation" not in text
    assert "Summary html" not in text  # derived fields are not changes an editor made


def test_loaded_versions_name_load_dossier_as_their_author(editor_client):
    measure = Measure.objects.get(slug="csa-regulation")

    page = editor_client.get(reverse("admin:timeline_measure_history", args=[measure.pk]))

    assert "load_dossier (the dossier&#x27;s fixtures)" in page.content.decode()
    assert ">None<" not in page.content.decode()
