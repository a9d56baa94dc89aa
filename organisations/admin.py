"""Editing the organisations and people the dossier speaks of, and the help resources."""

from django.contrib import admin

from dossier_portal.editing.admin import ContentAdmin, TabularInline
from organisations.models import (
    Affiliation,
    HelpResource,
    Organisation,
    OrganisationLink,
    Person,
    SearchSynonym,
)


class OrganisationLinkInline(TabularInline):
    model = OrganisationLink
    extra = 0
    fields = ("label", "url", "position")


class AffiliationInline(TabularInline):
    model = Affiliation
    extra = 0
    fields = ("organisation", "role", "position")
    autocomplete_fields = ("organisation",)


@admin.register(Organisation)
class OrganisationAdmin(ContentAdmin):
    list_display = ("position", "name", "acronym", "kind", "founded_on", "is_published")
    list_display_links = ("name",)
    list_filter = ("kind", "is_published")
    search_fields = ("name", "acronym", "described_as", "aliases", "description")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [OrganisationLinkInline]
    used_by = ("affiliations",)
    fieldsets = [
        (None, {"fields": ("name", "acronym", "slug", "kind", "described_as", "position")}),
        ("Founded", {"fields": ("founded_on", "founded_precision", "founded_place")}),
        ("Text", {"fields": ("description", "aliases", "website")}),
    ]


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    list_display = ("name", "roles", "is_published", "updated_at")
    list_filter = ("is_published", "affiliations__organisation")
    search_fields = ("name", "bio", "affiliations__role", "affiliations__organisation__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AffiliationInline]
    used_by = ("contributions", "answers", "affiliations")
    fieldsets = [(None, {"fields": ("name", "slug", "profile_url", "bio")})]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("affiliations__organisation")

    @admin.display(description="Roles")
    def roles(self, person):
        return "; ".join(f"{a.role}, {a.organisation}" for a in person.affiliations.all())


@admin.register(HelpResource)
class HelpResourceAdmin(ContentAdmin):
    list_display = ("position", "name", "region", "phone", "url", "is_published")
    list_display_links = ("name",)
    list_filter = ("region", "is_published")
    search_fields = ("name", "description", "region")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = [
        (None, {"fields": ("name", "slug", "region", "position")}),
        (
            "What it offers",
            {"fields": ("description", "phone", "url", "url_label", "source_url", "source_title")},
        ),
    ]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Not dossier content (nothing of it is shown as the dossier's): a plain list editors keep."""

    list_display = ("reader_words", "dossier_words")
    search_fields = ("reader_words", "dossier_words")
