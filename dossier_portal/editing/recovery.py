"""Deleted records are not lost: their history keeps them, and editors restore them from the
admin, together with the inline parts (milestones, links…) that were deleted with them."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.text import capfirst
from simple_history.utils import get_history_manager_for_model

from dossier_portal.editing.recent_changes import RESTORED

# Parts deleted with their parent are deleted in the same transaction, a moment earlier.
DELETED_TOGETHER = datetime.timedelta(minutes=1)
DELETIONS_LISTED = 100


def latest_deletions(model) -> list:
    """The last deletion of each record that does not exist any more, newest first."""
    existing = model._default_manager.values("pk")
    deletions = (
        get_history_manager_for_model(model)
        .filter(history_type="-")
        .exclude(**{f"{model._meta.pk.attname}__in": existing})
        .select_related("history_user")
        .order_by("-history_date")
    )
    latest = {}
    for version in deletions[: DELETIONS_LISTED * 5]:
        latest.setdefault(version.instance.pk, version)
    return list(latest.values())[:DELETIONS_LISTED]


def parts_deleted_with(parent_version, inlines) -> list[models.Model]:
    """The inline records deleted together with the parent (same minute), as they were."""
    parts = []
    for inline in inlines:
        model = inline.model
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        link = next(
            field
            for field in model._meta.fields
            if field.is_relation and field.related_model is parent_version.instance_type
        )
        deleted = get_history_manager_for_model(model).filter(
            history_type="-",
            history_date__range=(
                parent_version.history_date - DELETED_TOGETHER,
                parent_version.history_date + DELETED_TOGETHER,
            ),
            **{link.attname: parent_version.instance.pk},
        )
        parts.extend(version.instance for version in deleted)
    return parts


def restore(instances: list[models.Model]) -> None:
    """Save the records back as they were; all or none. Raises ValidationError when one no longer
    fits (e.g. its slug has been given to another record since)."""
    with transaction.atomic():
        for instance in instances:
            instance._state.adding = True
            instance._change_reason = RESTORED  # so recent changes say so
            instance.full_clean()
            instance.save(force_insert=True)


def restore_links(deletion, record) -> None:
    """Give a restored record back the many-to-many links its history keeps (e.g. the measures
    it replaces), as they were in its last version before the deletion, to records that exist."""
    before = deletion.prev_record
    if before is None:
        return
    for field in deletion._history_m2m_fields:
        through = getattr(before, field.name).all()
        target = field.m2m_reverse_field_name()
        ids = through.values_list(f"{target}_id", flat=True)
        existing = field.related_model._default_manager.filter(pk__in=list(ids))
        getattr(record, field.name).set(existing)


class RecoveryMixin:
    """For a SimpleHistoryAdmin: a "Deleted …" page listing deleted records, each restorable."""

    change_list_template = "admin/dossier/change_list.html"

    def get_urls(self):
        opts = self.model._meta
        info = f"{opts.app_label}_{opts.model_name}"
        recovery = [
            path("deleted/", self.admin_site.admin_view(self.deleted_view), name=f"{info}_deleted"),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{info}_restore",
            ),
        ]
        return [*recovery, *super().get_urls()]

    def deleted_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {opts.verbose_name_plural}",
            "opts": opts,
            "deletions": latest_deletions(self.model),
        }
        return render(request, "admin/dossier/deleted_records.html", context)

    def restore_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        history = get_history_manager_for_model(self.model)
        version = get_object_or_404(history, history_id=history_id, history_type="-")
        record = version.instance
        opts = self.model._meta
        deleted_url = _admin_url(opts, "deleted")
        if self.model._default_manager.filter(pk=record.pk).exists():
            self.message_user(request, f"“{record}” exists already.", messages.WARNING)
            return HttpResponseRedirect(deleted_url)
        try:
            restore([record, *parts_deleted_with(version, self.inlines)])
            restore_links(version, record)
        except ValidationError as error:
            problems = "; ".join(error.messages)
            self.message_user(request, f"“{record}” cannot be restored: {problems}", messages.ERROR)
            return HttpResponseRedirect(deleted_url)
        self.log_addition(request, record, [{"added": {}}])
        self.message_user(
            request, f"{capfirst(opts.verbose_name)} “{record}” was restored.", messages.SUCCESS
        )
        return HttpResponseRedirect(_admin_url(opts, "change", record.pk))


def _admin_url(opts, view: str, *args) -> str:
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
