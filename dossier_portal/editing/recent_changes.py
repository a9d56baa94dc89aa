"""Recent changes: every change to the content, across all its types, newest first, with who,
when and what (linking to the change), filterable by editor and by type. Restores and reverts
say so (EditorAdmin records them as the revision's note). A revision is listed under the record
that was saved; its parts were saved with it."""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from reversion.models import Revision, Version

from dossier_portal.content.revisions import DELETED, RESTORED, REVERTED
from dossier_portal.editing.editors import EDITABLE_MODELS
from dossier_portal.editing.history import author

LISTED = 100


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
        "changes": latest_changes(chosen, editor),
        "listed": LISTED,
    }
    return render(request, "admin/dossier/recent_changes.html", context)


def latest_changes(models, editor) -> list[dict]:
    """The newest LISTED revisions of records of `models` (by `editor`, if given)."""
    content_types = ContentType.objects.get_for_models(*models).values()
    revisions = Revision.objects.filter(version__content_type__in=content_types).distinct()
    if editor is not None:
        revisions = revisions.filter(user=editor)
    changes = []
    for revision in revisions.select_related("user").order_by("-date_created", "-pk")[:LISTED]:
        # The record saved comes first; the parts saved with it follow.
        version = revision.version_set.filter(content_type__in=content_types).order_by("pk")[0]
        changes.append(describe(revision, version))
    return changes


def describe(revision, version) -> dict:
    model = version.content_type.model_class()
    previous = (
        Version.objects.get_for_object_reference(model, version.object_id)
        .filter(pk__lt=version.pk)
        .first()
    )
    return {
        "revision": revision,
        "author": author(revision),
        "action": action(revision, previous),
        "kind": capfirst(model._meta.verbose_name),
        "record": version.object_repr,
        "url": change_url(model, version, previous, revision),
    }


def action(revision, previous) -> str:
    if revision.comment in (REVERTED, RESTORED, DELETED):
        return revision.comment
    return "Changed" if previous else "Created"


def change_url(model, version, previous, revision) -> str | None:
    """The comparison with the version before it, or the record's history (a first version),
    or the list of deleted records (a deletion)."""
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    try:
        if revision.comment == DELETED:
            return reverse(f"{name}_recoverlist")
        history = reverse(f"{name}_history", args=[version.object_id])
        if previous is None:
            return history
    except NoReverseMatch:
        return None
    return f"{history}compare/?version_id1={previous.pk}&version_id2={version.pk}"
