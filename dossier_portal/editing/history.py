"""History in the admin (django-reversion with django-reversion-compare): a revision is a record
saved with its parts; it is listed with its author, and two revisions are compared field by
field in readers' terms (choice labels, names of records) with the words that changed marked."""

import difflib
import re

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from reversion.models import Version

from dossier_portal.content.models import LOADED_FROM_DOSSIER

EMPTY = "(empty)"


def author(revision) -> str:
    """Who made a revision, named the same way on every page: the editor, or load_dossier."""
    if revision.user_id:
        return str(revision.user)
    if revision.comment.startswith(LOADED_FROM_DOSSIER):
        return "load_dossier (the dossier's fixtures)"
    return "an unknown user"


def describe(field: models.Field, value) -> str:
    """A field's value as an editor reads it: choice labels, Yes/No, names of related records."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field.many_to_many:
        names = field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(sorted(map(str, names))) or EMPTY
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"(deleted, id {value})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words removed since `old` in <del> and the words added in <ins>."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = escape("".join(old_words[a_start:a_end]))
        added = escape("".join(new_words[b_start:b_end]))
        if operation == "equal":
            parts.append(added)
            continue
        if removed:
            parts.append(f"<del>{removed}</del>")
        if added:
            parts.append(f"<ins>{added}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped above)


def changed_values(model: type[models.Model], older, newer) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) for each editable field that differs between two
    versions of a record, the values as readers see them."""
    old_values, new_values = older.field_dict, newer.field_dict  # by attname ("measure_id")
    result = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if not field.editable or field.attname not in new_values:
            continue  # derived (rendered HTML, timestamps, fixture digest) or not versioned
        old, new = old_values.get(field.attname), new_values[field.attname]
        if field.many_to_many:
            old, new = sorted(old or []), sorted(new or [])
        if old != new:
            label = capfirst(field.verbose_name)
            result.append((label, describe(field, old), describe(field, new)))
    return result


def differences(model, older, newer) -> list[tuple[str, SafeString]]:
    """(field label, the words removed and added) for each editable field that differs."""
    return [(label, word_diff(old, new)) for label, old, new in changed_values(model, older, newer)]


def revision_changes(version, previous) -> list[tuple[str, SafeString]]:
    """What a revision changed: the record's fields since its previous version, then each part
    added, removed or changed (parts are saved with the record, in the same revision)."""
    changes = differences(version._model, previous, version) if previous else []
    before = _parts(previous) if previous else {}
    after = _parts(version)
    for key, part in after.items():
        name = f"{capfirst(part._model._meta.verbose_name)} “{part.object_repr}”"
        if key not in before:
            changes.append((name, mark_safe("<ins>added</ins>")))
            continue
        for label, change in differences(part._model, before[key], part):
            changes.append((f"{name}: {label}", change))
    for key, part in before.items():
        if key not in after:
            name = f"{capfirst(part._model._meta.verbose_name)} “{part.object_repr}”"
            changes.append((name, mark_safe("<del>removed</del>")))
    return changes


def _parts(version) -> dict:
    """The other versions in the version's revision, by record."""
    return {
        (other.content_type_id, other.object_id): other
        for other in version.revision.version_set.select_related("content_type")
        if other.pk != version.pk
    }


class VersionHistoryMixin:
    """For a CompareVersionAdmin: the history names each revision's author, the comparison
    shows only what editors can change, in readers' terms, and a malformed id is a 404."""

    object_history_template = "admin/dossier/object_history.html"
    history_latest_first = True

    def compare(self, obj, version1, version2):
        result = super().compare(obj, version1, version2)
        # Timestamps, rendered HTML and digests are the site's, not what anyone wrote.
        result.diff = [
            entry
            for entry in result.diff
            if not isinstance(entry["field"], models.Field) or entry["field"].editable
        ]
        return result

    def fallback_compare(self, obj_compare):
        field = obj_compare.field
        old, new = (
            describe(field, side.version_record.field_dict.get(field.attname))
            for side in (obj_compare.compare_obj1, obj_compare.compare_obj2)
        )
        return word_diff(old, new)

    compare_ForeignKey = compare_ManyToManyField = compare_BooleanField = fallback_compare

    def history_view(self, request, object_id, extra_context=None):
        self._valid_pk(object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self._valid_pk(object_id)
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._valid_pk(object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def _get_action_list(self, request, object_id, extra_context=None):
        actions = super()._get_action_list(request, object_id, extra_context)
        older = [action["version"] for action in actions[1:]]  # newest first
        for action, previous in zip(actions, [*older, None], strict=True):
            action["author"] = author(action["revision"])
            action["changes"] = revision_changes(action["version"], previous)
        return actions

    def _valid_pk(self, object_id):
        try:
            return self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404("No such record.") from None


def versions_of(record):
    """The record's versions, newest first (none for a model without history)."""
    return Version.objects.get_for_object(record).select_related("revision__user")
