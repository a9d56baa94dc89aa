"""Recent changes: every change to the content, across all its types, newest first, with who,
when and what (linking to the change), filterable by editor and by type. Restores and reverts
say so (recovery.py and EditorAdmin record them as the version's note)."""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from simple_history.utils import get_history_manager_for_model

from dossier_portal.editing.editors import EDITABLE_MODELS
from dossier_portal.editing.history import author

LISTED = 100
REVERTED = "Reverted to an earlier version"
RESTORED = "Restored after its deletion"


def content_models(user) -> list:
    return [
        apps.get_model(app_label, name)
        for app_label, names in EDITABLE_MODELS.items()
        for name in names
        if user.has_perm(f"{app_label}.view_{name}")
    ]


class FilterForm(forms.Form):
    editor = forms.ModelChoiceField(queryset=None, required=False, empty_label="Any editor")
    type = forms.ChoiceField(required=False)

    def __init__(self, models, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["editor"].queryset = get_user_model().objects.filter(is_staff=True)
        self.fields["type"].choices = [("", "Any type")] + [
            (m._meta.label_lower, capfirst(m._meta.verbose_name_plural)) for m in models
        ]


def recent_changes_view(request):
    models = content_models(request.user)
    if not models:
        raise PermissionDenied
    form = FilterForm(models, request.GET or None)
    editor = kind = None
    if form.is_valid():
        editor, kind = form.cleaned_data["editor"], form.cleaned_data["type"]
    chosen = [m for m in models if not kind or m._meta.label_lower == kind]
    context = {
        **admin.site.each_context(request),
        "title": "Recent changes",
        "form": form,
        "changes": [describe(version) for version in latest_versions(chosen, editor)],
        "listed": LISTED,
    }
    return render(request, "admin/dossier/recent_changes.html", context)


def latest_versions(models, editor) -> list:
    """The newest LISTED versions of all `models` (by `editor`, if given): the newest LISTED
    of each model, merged."""
    versions = []
    for model in models:
        history = get_history_manager_for_model(model).select_related("history_user")
        if editor is not None:
            history = history.filter(history_user=editor)
        versions += history.order_by("-history_date", "-history_id")[:LISTED]
    versions.sort(key=lambda version: version.history_date, reverse=True)
    return versions[:LISTED]


def describe(version) -> dict:
    model = version.instance_type
    return {
        "version": version,
        "author": author(version),
        "action": action(version),
        "kind": capfirst(model._meta.verbose_name),
        "record": str(version.instance),
        "url": change_url(model, version),
    }


def action(version) -> str:
    note = version.history_change_reason or ""
    if note in (REVERTED, RESTORED):
        return note
    return {"+": "Created", "~": "Changed", "-": "Deleted"}[version.history_type]


def change_url(model, version) -> str | None:
    """The comparison with the version before it, or the record's history (a first version),
    or the list of deleted records (a deletion)."""
    opts = model._meta
    pk = version.instance.pk
    try:
        if version.history_type == "-":
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_deleted")
        previous = version.prev_record
        if previous is None:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
        compare = reverse(f"admin:{opts.app_label}_{opts.model_name}_compare", args=[pk])
    except NoReverseMatch:
        return None
    return f"{compare}?older={previous.history_id}&newer={version.history_id}"
