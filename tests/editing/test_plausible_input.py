"""Validation an editor understands: timeline dates between 1949 and ten years ahead, a status
not stated before the measure's date, Markdown limited in length, and what the sanitiser would
remove named in the form instead of dropped silently."""

import datetime

import pytest
from django.urls import reverse

from dossier_portal.content.markdown import MAX_CHARS
from tests.support.admin_helpers import change_form_data, empty_inlines, make_editor
from timeline.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, dossier):
    client.force_login(make_editor())
    return client


def post_measure(client, **changes):
    measure = Measure.objects.get(slug="csa-regulation")
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    data = {**change_form_data(measure, **changes), **empty_inlines("milestones", "documents")}
    return client.post(url, data)


def errors(response) -> str:
    assert response.status_code == 200, "the form should have been refused"
    form = response.context["adminform"].form
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


@pytest.mark.parametrize("date", ["1901-05-01", "2999-01-01"])
def test_a_date_outside_the_timeline_is_refused(editor_client, date):
    message = errors(post_measure(editor_client, date=date))
    assert "is not a date of this timeline: enter one between 1 January 1949 and" in message


def test_a_date_ten_years_ahead_is_accepted(editor_client):
    soon = datetime.date.today().replace(day=1) + datetime.timedelta(days=365 * 9)
    response = post_measure(editor_client, date=soon.isoformat(), status_as_of="")
    assert response.status_code == 302


def test_a_status_cannot_be_stated_before_the_measures_date(editor_client):
    message = errors(post_measure(editor_client, status_as_of="2021-01-01"))
    assert "The status cannot be stated before the measure's own date." in message


def test_a_milestone_dated_2999_is_refused(editor_client):
    measure = Measure.objects.get(slug="csa-regulation")
    milestone = measure.milestones.first()
    url = reverse("admin:timeline_milestone_change", args=[milestone.pk])
    response = editor_client.post(url, change_form_data(milestone, date="2999-01-01"))
    assert "is not a date of this timeline" in errors(response)


def test_a_markdown_text_over_the_limit_is_refused_with_its_length(editor_client):
    message = errors(post_measure(editor_client, summary="word " * (MAX_CHARS // 5 + 1)))
    assert f"at most {MAX_CHARS:,}".replace(",", "") in message.replace(",", "")
    assert "Shorten it" in message


def test_the_form_names_what_the_sanitiser_would_remove(editor_client):
    summary = "See [this](javascript:alert(1)). ![A picture](https://example.org/a.png)\n\n<script>x</script>"
    message = errors(post_measure(editor_client, summary=summary))
    assert "the link to javascript:alert(1)" in message
    assert "the image" in message
    assert "the &lt;script&gt; element" in message or "the <script> element" in message


def test_the_preview_says_when_it_cannot_preview(editor_client):
    url = reverse("admin:timeline_measure_markdown_preview")
    response = editor_client.post(url, {"text": "x" * (MAX_CHARS + 1)})
    assert response.status_code == 413
    assert "No preview: the text has 200,001 characters" in response.content.decode()
