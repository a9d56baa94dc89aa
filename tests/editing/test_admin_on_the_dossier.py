"""The admin on the real dossier: every list, change form and history page answers, and every
record can be saved unchanged, as an editor's browser would post it (text areas with "\r\n"),
without recording a change or making load_dossier take it for an editor's."""

from io import StringIO

import pytest
import reversion
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from dossier_portal.editing.editors import EDITABLE_MODELS
from tests.support.admin_helpers import make_editor
from tests.support.form_reader import form_data

pytestmark = pytest.mark.django_db


def content_admins():
    return [a for m, a in admin.site._registry.items() if m._meta.app_label in EDITABLE_MODELS]


def version_count(record) -> int:
    """Versions recorded of the record (a plain list such as search synonyms keeps none)."""
    if not reversion.is_registered(type(record)):
        return 0
    return Version.objects.get_for_object(record).count()


@pytest.fixture
def editor_client(client, dossier):
    client.force_login(make_editor())
    return client


@pytest.mark.parametrize("model_admin", content_admins(), ids=lambda a: a.model._meta.label)
def test_every_record_of_the_dossier_saves_unchanged(editor_client, model_admin):
    opts = model_admin.model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert editor_client.get(changelist).status_code == 200
    for record in model_admin.model._default_manager.all():
        before = version_count(record)
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        page = editor_client.get(change_url)
        assert page.status_code == 200, change_url

        posted = form_data(page.content.decode(), f"{opts.model_name}_form")
        response = editor_client.post(change_url, as_a_browser_posts(posted))

        assert response.status_code == 302, (change_url, _errors(response))
        history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.pk])
        assert editor_client.get(history).status_code == 200
        assert version_count(record) == before
    loaded = StringIO()
    call_command("load_dossier", stdout=loaded)
    assert "Dossier loaded: 0 changes" in loaded.getvalue()
    assert "Kept" not in loaded.getvalue()


def as_a_browser_posts(data: dict[str, list[str]]) -> dict[str, list[str]]:
    """Browsers send a text area's line endings as "\r\n" (no other field has any)."""
    return {name: [v.replace("\n", "\r\n") for v in values] for name, values in data.items()}


def _errors(response) -> list[str]:
    context = response.context
    errors = list(context["errors"]) if context and "errors" in context else []
    return [str(error) for error in errors]
