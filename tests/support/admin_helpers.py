"""Helpers for tests that act as an editor in the admin."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict

from dossier_portal.content.revisions import DELETED, save_revisions
from dossier_portal.editing.editors import sync_editors_group


def make_editor(username="editor"):
    """A staff account in the Editors group, like create_editor makes: not a superuser."""
    user = get_user_model().objects.create_user(username, password="not-used", is_staff=True)
    user.groups.add(sync_editors_group(apps))
    return user


def change_form_data(record, **changes) -> dict:
    """What the admin's change form would post for `record` unchanged, plus `changes`. Inline
    formsets are posted empty (their management forms say "no rows")."""
    data = {key: _as_posted(value) for key, value in model_to_dict(record).items()}
    return {**data, **changes}


def _as_posted(value):
    if value is True:
        return "on"
    if value is False or value is None:
        return ""
    if isinstance(value, list):  # many-to-many: the selected records' ids
        return [item.pk for item in value]
    return value


def empty_inlines(*prefixes) -> dict:
    data = {}
    for prefix in prefixes:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def inline_rows(prefix: str, records, **changes) -> dict:
    """An inline formset as the change form posts it for existing `records`, with `changes`
    made to each row."""
    data = {
        **empty_inlines(prefix),
        f"{prefix}-TOTAL_FORMS": str(len(records)),
        f"{prefix}-INITIAL_FORMS": str(len(records)),
    }
    for index, record in enumerate(records):
        row = change_form_data(record, **changes)
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def delete_as_editor(one) -> None:
    """Deletes the record as the admin does: its last revision says it was deleted."""
    save_revisions([one], note=DELETED)
    one.delete()
