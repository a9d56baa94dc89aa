"""Markdown fields carry help on the syntax and show the sanitised HTML the site will show."""

import pytest
from django.contrib import admin
from django.urls import reverse

from dossier_portal.content.markdown import MARKDOWN_HELP
from dossier_portal.editing.markdown_preview import MarkdownPreviewTextarea
from tests.support.admin_helpers import make_editor
from tests.support.factories import make_measure

pytestmark = pytest.mark.django_db


PREVIEW_URL = "/admin/timeline/measure/markdown-preview/"


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_change_form_shows_help_and_a_preview_of_the_saved_text(editor_client):
    measure = make_measure(summary="## Status\n\nStill *in negotiation*.<script>x()</script>")
    page = editor_client.get(reverse("admin:timeline_measure_change", args=[measure.pk]))
    text = page.content.decode()
    assert "Markdown: ## Section and ### Subsection headings" in text
    preview = text[text.index('class="markdown-preview-output"') :]
    assert '<h2 id="status">Status</h2>' in preview
    assert "<em>in negotiation</em>" in preview
    assert "<script>x()" not in preview
    assert "admin-extra/markdown-preview.js" in text


def test_every_markdown_field_in_the_admin_has_the_preview(rf):
    request = rf.get("/")
    request.user = make_editor()
    checked = []
    for model_admin in admin.site._registry.values():
        for editing in [model_admin, *model_admin.get_inline_instances(request)]:
            form = editing.get_formset(request).form if editing is not model_admin else None
            form = form or model_admin.get_form(request)
            for name, field in form.base_fields.items():
                if field.help_text == MARKDOWN_HELP:
                    assert isinstance(field.widget, MarkdownPreviewTextarea), name
                    checked.append(f"{editing.model._meta.label}.{name}")
    assert {"timeline.Measure.summary", "articles.InterviewAnswer.body"} <= set(checked)


def test_preview_endpoint_renders_and_sanitises(editor_client):
    response = editor_client.post(PREVIEW_URL, {"text": "**bold** <img src=x onerror=alert(1)>"})
    assert response.status_code == 200
    assert response.content.decode().strip() == "<p><strong>bold</strong> </p>"


def test_preview_endpoint_is_for_staff_only(client):
    response = client.post(PREVIEW_URL, {"text": "x"})
    assert response.status_code == 302  # to the login page


def test_preview_is_for_those_who_may_edit_the_model(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", is_staff=True))
    assert client.post(PREVIEW_URL, {"text": "x"}).status_code == 403


def test_preview_endpoint_refuses_huge_text(editor_client):
    response = editor_client.post(PREVIEW_URL, {"text": "x" * 200_001})
    assert response.status_code == 413
