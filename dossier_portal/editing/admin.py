"""What the admins of all content share: history (a record saved with its parts is one revision,
reverted and restored as one) with a readable comparison of two versions,
a live preview of Markdown fields, "view on site", and care for links: the editor sees where a
record is used before deleting or unpublishing it, and an old address stays reserved.

This module imports no app; each app's admin.py builds on these classes.
"""

import functools

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseBadRequest
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from reversion.models import Revision, Version
from reversion.revisions import _get_options
from reversion_compare.admin import CompareVersionAdmin

from dossier_portal.content.markdown import MARKDOWN_HELP, removed_by_sanitiser
from dossier_portal.content.markdown import MAX_CHARS as MARKDOWN_MAX_CHARS
from dossier_portal.content.models import PermalinkMixin, keep_old_url_alive
from dossier_portal.content.revisions import DELETED, RESTORED, REVERTED, save_revisions
from dossier_portal.editing.history import VersionHistoryMixin
from dossier_portal.editing.markdown_preview import MarkdownPreviewMixin
from dossier_portal.editing.usage import usages_of
from dossier_portal.editing.versions import VersionedForm, VersionedInlineFormSet


class MultilineText(forms.CharField):
    """Text from a text area, with the line endings the site stores: browsers post "\r\n", and
    without this a form saved unchanged would differ from the record in every paragraph."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class MarkdownText(MultilineText):
    """A Markdown field: limited in length, and refused with what the sanitiser would remove
    (a script, a javascript: link, an image) rather than saved with it silently dropped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "max_length": MARKDOWN_MAX_CHARS})
        self.error_messages["max_length"] = (
            "A text may have at most %(limit_value)s characters; this one has %(show_value)s. "
            "Shorten it or split it."
        )

    def widget_attrs(self, widget):
        # No maxlength on the text area: a browser would cut a pasted text short silently.
        return {k: v for k, v in super().widget_attrs(widget).items() if k != "maxlength"}

    def validate(self, value):
        super().validate(value)
        if len(value or "") > MARKDOWN_MAX_CHARS:
            return  # refused for its length (run_validators); rendering it would take seconds
        removed = removed_by_sanitiser(value)
        if removed:
            raise ValidationError(
                "The site does not show %(removed)s: take it out of the text (readers would "
                "not see it).",
                params={"removed": ", ".join(removed)},
            )


class EditorFieldsMixin:
    """For model admins and their inlines: text areas post the site's line endings, and
    Markdown fields are checked as MarkdownText says."""

    def get_fieldsets(self, request, obj=None):
        """The declared fieldsets, with the form's hidden version field (see VersionedForm)."""
        fieldsets = super().get_fieldsets(request, obj)
        if "opened_version" in flatten_fieldsets(fieldsets):
            return fieldsets
        *others, (name, options) = fieldsets
        return [*others, (name, {**options, "fields": [*options["fields"], "opened_version"]})]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not db_field.choices:
            markdown = db_field.help_text == MARKDOWN_HELP
            kwargs.setdefault("form_class", MarkdownText if markdown else MultilineText)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class TabularInline(EditorFieldsMixin, admin.TabularInline):
    """The inline every content admin uses: see EditorFieldsMixin and VersionedForm."""

    form = VersionedForm
    formset = VersionedInlineFormSet


class StackedInline(EditorFieldsMixin, admin.StackedInline):
    """The inline every content admin uses: see EditorFieldsMixin and VersionedForm."""

    form = VersionedForm
    formset = VersionedInlineFormSet


def differs_from_stored(record, form) -> bool:
    """Whether saving the form would change the stored record's own fields. Compared with the
    record as stored, not the form's initial values: reverting starts from an old version."""
    stored = type(record)._default_manager.filter(pk=record.pk).first()
    if stored is None:
        return True
    fields = [f for f in record._meta.concrete_fields if f.name in form.fields]
    return any(f.value_from_object(stored) != f.value_from_object(record) for f in fields)


class ContentForm(VersionedForm):
    """Refuses to unpublish a record other content uses until the editor confirms it, and to
    take a slug whose address still redirects to another record."""

    confirm_unpublish = forms.BooleanField(
        label="Unpublish even though it is used",
        required=False,
        help_text="Links to it from the places listed under “Where it is used” will be removed.",
    )
    # Set by ContentAdmin.get_form: the usages of a record, as the admin counts them, and
    # whether it is published as stored (before a revert that this request makes).
    usages_of = staticmethod(usages_of)
    stored_as_published = None

    def clean(self):
        cleaned_data = super().clean()
        if self._unpublishing() and not cleaned_data.get("confirm_unpublish"):
            usages = self.usages_of(self.instance)
            if usages:
                raise ValidationError(
                    "%(record)s is used in %(count)d place(s) (listed under “Where it is used”). "
                    "Readers following those links would find nothing. Tick “Unpublish even "
                    "though it is used” to unpublish it anyway.",
                    params={"record": self.instance, "count": len(usages)},
                )
        if "slug" in self.changed_data and cleaned_data.get("slug"):
            self._refuse_slug_kept_for_another_record(cleaned_data["slug"])
        return cleaned_data

    def _unpublishing(self) -> bool:
        unpublished = self.cleaned_data.get("is_published") is False
        return unpublished and self.stored_as_published(self.instance)

    def _refuse_slug_kept_for_another_record(self, slug: str) -> None:
        """An old address redirects to the record that had it; giving it to another record
        would send readers of old links to the wrong page."""
        if not isinstance(self.instance, PermalinkMixin):
            return
        current_url = self.instance.get_absolute_url() if self.instance.pk else None
        candidate = type(self.instance)(pk=self.instance.pk, slug=slug)
        kept = Redirect.objects.filter(
            site=Site.objects.get_current(), old_path=candidate.get_absolute_url()
        ).exclude(new_path=current_url)
        if kept.exists():
            self.add_error(
                "slug",
                f"This was the address of another page ({kept.first().new_path}) and still "
                "redirects there, so old links keep working. Choose another slug.",
            )


@functools.wraps(django_delete_selected)  # its name replaces the site-wide action's
def delete_selected(modeladmin, request, queryset):
    """Django's "delete selected" action, whose confirmation also lists where each is used."""
    response = django_delete_selected(modeladmin, request, queryset)
    if isinstance(response, TemplateResponse):
        response.context_data["usages"] = [
            usage for record in queryset for usage in modeladmin.usages(record)
        ]
    return response


# The admin's home links to the recent changes of all content (recent_changes.py).
admin.site.index_template = "admin/dossier/index.html"


class EditorAdmin(
    EditorFieldsMixin, VersionHistoryMixin, MarkdownPreviewMixin, CompareVersionAdmin
):
    """Admin of anything editors revise: history with comparison, revert and recovery of deleted
    records (a record with its parts, as one revision), Markdown preview, and lists that answer
    any query string without an error."""

    form = VersionedForm

    def save_model(self, request, obj, form, change):
        # A form saved as it was opened records no new version: nobody changed anything. A
        # revert or a restore is saved whatever the form says: it is the change.
        restoring = request.resolver_match.url_name.endswith(("_revision", "_recover"))
        if change and not restoring and not differs_from_stored(obj, form):
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if request.resolver_match.url_name.endswith(("_revision", "_recover")):
            parts = [part.instance for formset in formsets for part in formset.forms]
            if dropped := drop_links_to_deleted([form.instance, *parts]):
                messages.warning(
                    request,
                    f"{dropped} link{pluralize(dropped)} to records deleted since "
                    f"{'were' if dropped > 1 else 'was'} left out.",
                )
        # A part changed, added or deleted on the page is a new revision of the whole record.
        if any(formset.has_changed() for formset in formsets):
            reversion.add_to_revision(form.instance)

    def delete_model(self, request, obj):
        save_revisions([obj], request.user, DELETED)
        super().delete_model(request, obj)
        save_revisions(self._parents([obj]), request.user)

    def delete_queryset(self, request, queryset):
        records = list(queryset)
        save_revisions(records, request.user, DELETED)
        super().delete_queryset(request, queryset)
        save_revisions(self._parents(records), request.user)

    def _parents(self, records) -> list:
        """The records the deleted ones were parts of: a new revision of each, without the part,
        so that restoring one later does not bring back a part deleted on purpose before."""
        follow = _get_options(self.model).follow
        parents = {getattr(one, name) for one in records for name in follow}
        return [parent for parent in parents if isinstance(parent, models.Model)]

    def recover_view(self, request, version_id, extra_context=None):
        return self._restoring(
            request, version_id, RESTORED, super().recover_view, request, version_id, extra_context
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        return self._restoring(
            request,
            version_id,
            REVERTED,
            super().revision_view,
            request,
            object_id,
            version_id,
            extra_context,
        )

    def _restoring(self, request, version_id, note, view, *args):
        """Runs reversion's revert or recover view; once saved, names the revision as such
        (recent changes shows the note) and does what reversion's raw saves skip: the parts'
        Markdown rendered with their mentions, and the record's old address kept alive."""
        version = Version.objects.filter(pk=version_id).first()
        before = request.before_revert = self._live(version) if version else None
        old_url = before.get_absolute_url() if isinstance(before, PermalinkMixin) else None
        response = view(*args)
        if request.method != "POST" or response.status_code != 302 or version is None:
            return response
        latest = Version.objects.get_for_object_reference(self.model, version.object_id).first()
        Revision.objects.filter(pk=latest.revision_id).update(comment=note)
        for part in version.revision.version_set.all():
            live = self._live(part)
            if live is not None:
                live.save()
        live = self._live(version)
        if old_url and live is not None and live.get_absolute_url() != old_url:
            keep_old_url_alive(old_url, live.get_absolute_url())
        return response

    @staticmethod
    def _live(version):
        return version._model._default_manager.filter(pk=version.object_id).first()

    def changelist_view(self, request, extra_context=None):
        # Postgres refuses NUL characters in text; a search or filter value with one would fail.
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            return HttpResponseBadRequest("A search or filter value contains a NUL character.")
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        # The related-record autocomplete searches here without passing the list view.
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))


def drop_links_to_deleted(records) -> int:
    """Removes the many-to-many links of `records` whose other end no longer exists, and says
    how many. reversion restores every link a version holds; Postgres checks the links only when
    the restore commits, and one to a record deleted since would fail it. The form's own save
    keeps such a link: a related manager sees only the records that exist."""
    dropped = 0
    for record in records:
        if record.pk is None:
            continue
        for field in record._meta.many_to_many:
            links = field.remote_field.through._default_manager.filter(
                **{field.m2m_field_name(): record.pk}
            )
            gone = links.exclude(
                **{f"{field.m2m_reverse_field_name()}__in": field.related_model._base_manager.all()}
            )
            dropped += gone.delete()[0]
    return dropped


class ContentAdmin(EditorAdmin):
    """Admin of a content model (one with `is_published`). Subclasses declare `fieldsets`
    without the publication fields, which this class adds, and name in `used_by` the reverse
    relations through which other content refers to their records."""

    form = ContentForm
    actions = [delete_selected]
    used_by: tuple[str, ...] = ()
    save_on_top = True
    list_per_page = 50
    delete_confirmation_template = "admin/dossier/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/dossier/delete_selected_confirmation.html"

    def stored(self, request, record):
        """The record as stored when the request began: reversion writes the version being
        reverted to before its form is shown and saved."""
        before = getattr(request, "before_revert", None)
        if before is not None and before.pk == record.pk:
            return before
        return self.model._default_manager.filter(pk=record.pk).first() or record

    def usages(self, record) -> list:
        return usages_of(record, self.used_by)

    def view_on_site(self, record):
        # Straight to the page on this host: the sites framework's domain is a placeholder.
        get_absolute_url = getattr(record, "get_absolute_url", None)
        return get_absolute_url() if get_absolute_url else None

    @admin.display(description="Where it is used")
    def where_used(self, record):
        usages = self.usages(record)
        if not usages:
            return "Nowhere else on the portal."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}</li>",
                ((_usage_link(usage),) for usage in usages),
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "where_used"] if obj else readonly

    def get_fieldsets(self, request, obj=None):
        publication = ["is_published"]
        if obj is not None and self.stored(request, obj).is_published and self.usages(obj):
            publication.append("confirm_unpublish")
        if obj is not None:
            publication.append("where_used")
        return [*super().get_fieldsets(request, obj), ("Publication", {"fields": publication})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.usages_of = self.usages
        form.stored_as_published = staticmethod(
            lambda record: record.pk is not None and self.stored(request, record).is_published
        )
        return form

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        if isinstance(response, TemplateResponse):
            record = response.context_data.get("object")
            response.context_data["usages"] = self.usages(record) if record else []
        return response


def _usage_link(usage):
    if usage.url:
        return format_html('<a href="{}">{}</a>', usage.url, usage.description)
    return usage.description
