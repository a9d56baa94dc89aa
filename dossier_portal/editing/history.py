"""History in the admin, beyond what django-simple-history shows: any two versions of a record
compared field by field, with the words that changed marked, and a way to revert from there."""

import difflib
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.timezone import localtime
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_history_manager_for_model

EMPTY = "(empty)"
# How many changes to a record's inline parts its history page lists.
PARTS_SHOWN = 50


def author(version) -> str:
    """Who made a version, named the same way on every page: the editor, or load_dossier."""
    if version.history_user:
        return str(version.history_user)
    if (version.history_change_reason or "").startswith("load_dossier"):
        return "load_dossier (the dossier's fixtures)"
    return "an unknown user"


def version_label(version) -> str:
    when = localtime(version.history_date).strftime("%d %b %Y, %H:%M:%S")
    return f"{when}, {version.get_history_type_display().lower()} by {author(version)}"


class CompareVersionsForm(forms.Form):
    older = forms.ModelChoiceField(queryset=None, label="Compare the version of")
    newer = forms.ModelChoiceField(queryset=None, label="with the version of")

    def __init__(self, versions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("older", "newer"):
            self.fields[name].queryset = versions
            self.fields[name].label_from_instance = version_label

    def clean(self):
        cleaned_data = super().clean()
        older, newer = cleaned_data.get("older"), cleaned_data.get("newer")
        # Either order means the same comparison: read it as earlier → later.
        if older and newer and older.history_date > newer.history_date:
            cleaned_data["older"], cleaned_data["newer"] = newer, older
        return cleaned_data


def describe(field: models.Field, value) -> str:
    """A field's value as an editor reads it: choice labels, Yes/No, names of related records."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(map(str, value))
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
    """(field label, old value, new value) for each editable field that differs, the values as
    readers see them (choice labels, names of records)."""
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    helper = HistoricalRecordContextHelper(model, newer)
    result = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        if not field.editable:  # derived (rendered HTML, timestamps, fixture digest)
            continue
        old = describe(field, helper.prepare_delta_change_value(change, change.old))
        new = describe(field, helper.prepare_delta_change_value(change, change.new))
        result.append((capfirst(field.verbose_name), old, new))
    return result


def differences(model: type[models.Model], older, newer) -> list[tuple[str, SafeString]]:
    """(field label, the words removed and added) for each editable field that differs."""
    return [(label, word_diff(old, new)) for label, old, new in changed_values(model, older, newer)]


@dataclass(frozen=True)
class PartChange:
    """A change to a record edited inline with its parent (a milestone of a measure)."""

    version: models.Model
    author: str
    kind: str
    changes: list[tuple[str, SafeString]]
    history_url: str | None  # the part's own history, where it can be reverted


def part_changes(parent_model, inlines, parent_pk) -> list[PartChange]:
    """The latest changes to the inline records of one parent, newest first."""
    found = []
    for inline in inlines:
        model = inline.model
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        link = _link_to_parent(model, parent_model, inline.fk_name)
        history = get_history_manager_for_model(model).filter(**{link.attname: parent_pk})
        for version in history.select_related("history_user")[:PARTS_SHOWN]:
            found.append(
                PartChange(
                    version=version,
                    author=author(version),
                    kind=capfirst(model._meta.verbose_name),
                    changes=_changes_since_previous(model, version),
                    history_url=_history_url(model, version.instance.pk),
                )
            )
    found.sort(key=lambda part: part.version.history_date, reverse=True)
    return found[:PARTS_SHOWN]


def _link_to_parent(model, parent_model, fk_name: str | None) -> models.Field:
    if fk_name:
        return model._meta.get_field(fk_name)
    return next(
        field
        for field in model._meta.fields
        if field.is_relation and field.related_model is parent_model
    )


def _changes_since_previous(model, version) -> list[tuple[str, SafeString]]:
    previous = version.prev_record if version.history_type == "~" else None
    return differences(model, previous, version) if previous else []


def _history_url(model, pk) -> str | None:
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
    except NoReverseMatch:
        return None


class VersionHistoryMixin:
    """For a SimpleHistoryAdmin: a comparison page, a form to reach it from the history page,
    and a 404 (not a 500) for a malformed record or version id in the URL."""

    object_history_template = "admin/dossier/object_history.html"
    object_history_list_template = "admin/dossier/object_history_list.html"

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each listed version's author and its changes since the one before, as the compare
        page shows them (simple-history's own list shows stored values, cut at 100 characters)."""
        versions = list(historical_records)
        for newer, older in zip(versions, [*versions[1:], None][: len(versions)], strict=True):
            newer.author = author(newer)
            newer.changes = differences(self.model, older, newer) if older else []

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        # Before simple-history's "<id>/history/<version>/", which would take "compare".
        return [compare, *super().get_urls()]

    def versions(self, object_id):
        pk = self._valid_pk(object_id)
        return get_history_manager_for_model(self.model).filter(**{self.model._meta.pk.attname: pk})

    def _valid_pk(self, object_id):
        try:
            return self.model._meta.pk.to_python(object_id)
        except ValidationError:
            raise Http404("No such record.") from None

    def history_view(self, request, object_id, extra_context=None):
        versions = self.versions(object_id)
        compare_form = CompareVersionsForm(
            versions, initial={"older": versions[1:2].first(), "newer": versions.first()}
        )
        context = {
            "part_changes": part_changes(self.model, self.inlines, self._valid_pk(object_id)),
            "compare_form": compare_form,
            "compare_url": self._url("compare", object_id),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not str(version_id).isdigit():
            raise Http404("No such version.")
        self._valid_pk(object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def compare_view(self, request, object_id):
        versions = self.versions(object_id)
        latest = versions.first()
        if latest is None:
            raise Http404("This record has no history.")
        record = latest.instance
        if not self.has_view_history_or_change_history_permission(request, record):
            raise PermissionDenied
        form = CompareVersionsForm(versions, request.GET)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions: {record}",
            "opts": self.model._meta,
            "original": record,
            "form": form,
            "history_url": self._url("history", object_id),
        }
        if form.is_valid():
            older, newer = form.cleaned_data["older"], form.cleaned_data["newer"]
            context.update(
                older=older,
                older_label=version_label(older),
                newer_label=version_label(newer),
                differences=differences(self.model, older, newer),
                revert_url=self._url("simple_history", object_id, older.history_id),
                revert_disabled=self.revert_disabled(request, record),
            )
        return render(request, "admin/dossier/compare_versions.html", context)

    def _url(self, view: str, *args) -> str:
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=args
        )
