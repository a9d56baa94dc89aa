"""Editing measures: the text, the status as the EU process moves on, milestones and documents."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from dossier_portal.editing.admin import ContentAdmin, ContentForm, TabularInline
from timeline.models import DocumentLink, Measure, Milestone


class MilestoneInline(TabularInline):
    model = Milestone
    extra = 0
    fields = ("date", "date_precision", "title", "slug", "stage", "source_sentence", "is_published")
    prepopulated_fields = {"slug": ("title",)}
    show_change_link = True


class DocumentLinkInline(TabularInline):
    model = DocumentLink
    extra = 0
    fields = ("label", "url", "position")


class MeasureForm(ContentForm):
    def clean_replaces(self):
        replaces = self.cleaned_data["replaces"]
        if self.instance.pk and replaces.filter(pk=self.instance.pk).exists():
            raise ValidationError("A measure cannot replace itself.")
        return replaces


@admin.register(Measure)
class MeasureAdmin(ContentAdmin):
    form = MeasureForm
    list_display = (
        "short_title",
        "kind",
        "body",
        "status",
        "date",
        "celex",
        "is_published",
        "updated_at",
    )
    list_display_links = ("short_title",)
    list_filter = ("kind", "status", "body", "is_published")
    search_fields = ("short_title", "title", "reference", "celex", "aliases", "summary")
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ("short_title",)}
    filter_horizontal = ("replaces", "recasts")
    inlines = [MilestoneInline, DocumentLinkInline]
    used_by = ("replaced_by", "recast_by")
    fieldsets = [
        (None, {"fields": ("short_title", "title", "slug", "kind", "body")}),
        ("Status", {"fields": ("status", "status_text", "status_as_of", "status_is_reading")}),
        (
            "Identification",
            {"fields": ("date", "date_precision", "reference", "celex", "procedure")},
        ),
        ("Text", {"fields": ("summary", "aliases", "replaces", "recasts")}),
    ]


@admin.register(Milestone)
class MilestoneAdmin(ContentAdmin):
    list_display = ("date", "title", "measure", "date_precision", "is_published")
    list_display_links = ("title",)
    list_filter = ("measure__kind", "measure__body", "is_published", "measure")
    list_select_related = ("measure",)
    search_fields = ("title", "source_sentence", "measure__short_title")
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("measure",)
    fieldsets = [
        (None, {"fields": ("measure", "title", "slug", "date", "date_precision", "stage")}),
        ("Source", {"fields": ("source_sentence",)}),
    ]
