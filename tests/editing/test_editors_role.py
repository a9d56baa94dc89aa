"""The Editors group holds exactly what editing needs; create_editor makes such an account."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from dossier_portal.editing.editors import (
    EDITABLE_MODELS,
    EDITORS_GROUP,
    editor_permission_codenames,
    sync_editors_group,
)
from tests.support.admin_helpers import make_editor

pytestmark = pytest.mark.django_db


def group_permissions() -> set[tuple[str, str]]:
    group = Group.objects.get(name=EDITORS_GROUP)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_migrate_creates_the_group_with_exactly_the_editor_permissions():
    assert group_permissions() == editor_permission_codenames()
    assert ("auth", "change_user") not in group_permissions()
    assert ("redirects", "change_redirect") not in group_permissions()


def test_syncing_again_removes_a_permission_given_by_hand():
    group = Group.objects.get(name=EDITORS_GROUP)
    group.permissions.add(*apps.get_model("auth", "Permission").objects.filter(codename="add_user"))
    sync_editors_group(apps)
    assert group_permissions() == editor_permission_codenames()


def test_every_model_in_the_admin_of_a_content_app_is_editable_by_editors():
    registered = {
        (model._meta.app_label, model._meta.model_name)
        for model in admin.site._registry
        if model._meta.app_label in EDITABLE_MODELS
    }
    editable = {(app, model) for app, models in EDITABLE_MODELS.items() for model in models}
    assert registered <= editable


def test_an_editor_edits_content_but_not_accounts(client):
    client.force_login(make_editor())
    assert client.get(reverse("admin:timeline_measure_add")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:redirects_redirect_changelist")).status_code == 200
    assert client.get(reverse("admin:redirects_redirect_add")).status_code == 403


def test_create_editor_makes_a_staff_account_in_the_group_and_prints_its_password(capsys):
    call_command("create_editor", "maria", "--email", "maria@example.org")
    printed = capsys.readouterr().out
    password = printed.split("Password: ")[1].strip()

    maria = get_user_model().objects.get(username="maria")
    assert maria.is_staff
    assert not maria.is_superuser
    assert maria.check_password(password)
    assert maria.groups.filter(name=EDITORS_GROUP).exists()


def test_create_editor_keeps_an_existing_password_unless_asked(capsys):
    call_command("create_editor", "maria")
    first = capsys.readouterr().out.split("Password: ")[1].strip()
    call_command("create_editor", "maria")
    assert "Password" not in capsys.readouterr().out
    assert get_user_model().objects.get(username="maria").check_password(first)


def test_create_editor_refuses_to_demote_a_superuser():
    get_user_model().objects.create_superuser("root", password="x-long-password")
    with pytest.raises(CommandError, match="superuser"):
        call_command("create_editor", "root")


def test_the_development_editor_keeps_its_password_in_a_file(tmp_path, capsys):
    password_file = tmp_path / "password"
    call_command("create_editor", "editor", password_file=password_file)
    call_command("create_editor", "editor", password_file=password_file)
    password = password_file.read_text().strip()
    assert capsys.readouterr().out.count(f"Password: {password}") == 2
    assert get_user_model().objects.get(username="editor").check_password(password)
    assert password_file.stat().st_mode & 0o077 == 0
