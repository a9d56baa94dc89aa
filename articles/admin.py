"""Editing the articles: text, authorship, sources, key figures and the interview."""

from django.contrib import admin

from articles.models import (
    Article,
    Contribution,
    InterviewAnswer,
    InterviewQuestion,
    KeyFigure,
    Source,
)
from dossier_portal.editing.admin import (
    ContentAdmin,
    ContentForm,
    EditorAdmin,
    StackedInline,
    TabularInline,
)
from dossier_portal.editing.markdown_preview import MarkdownPreviewMixin


class ContributionInline(TabularInline):
    model = Contribution
    extra = 0
    fields = ("person", "role", "show_bio", "position")
    autocomplete_fields = ("person",)


class SourceInline(TabularInline):
    model = Source
    extra = 0
    fields = ("label", "url", "position")


class KeyFigureInline(TabularInline):
    model = KeyFigure
    extra = 0
    fields = ("value", "label", "anchor", "position", "is_published")
    show_change_link = True
    # A key figure's own page has its sentence and slug; here it is listed for orientation.
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
    list_display = ("position", "title", "kind", "section_label", "is_published", "updated_at")
    list_display_links = ("title",)
    list_filter = ("kind", "is_published")
    search_fields = ("title", "standfirst", "body", "signature", "section_label")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ContributionInline, SourceInline, KeyFigureInline]
    used_by = ("key_figures",)
    fieldsets = [
        (None, {"fields": ("title", "slug", "kind", "position", "section_label")}),
        ("Text", {"fields": ("standfirst", "body", "signature")}),
        ("Editors’ note to readers", {"fields": ("note",)}),
    ]


class KeyFigureForm(ContentForm):
    def clean(self):
        cleaned_data = super().clean()
        article, anchor = cleaned_data.get("article"), cleaned_data.get("anchor")
        if article and anchor and not _has_anchor(article, anchor):
            self.add_error(
                "anchor",
                f"“{article}” has no section with the anchor “{anchor}”, so the link to the "
                "figure's source would lead nowhere. Use the anchor of one of its headings "
                "(the part after # in the section's address), or leave it empty.",
            )
        paragraph = cleaned_data.get("paragraph")
        if article and paragraph and not _has_paragraph(article, paragraph):
            self.add_error(
                "paragraph",
                f"“{article}” has no paragraph with the anchor “{paragraph}”. Give the "
                f"paragraph one with a line {{: #{paragraph}}} right after it, or leave this "
                "empty (the link then leads to the section).",
            )
        return cleaned_data


def _has_anchor(article: Article, anchor: str) -> bool:
    return f'id="{anchor}"' in article.body_html or article.questions.filter(anchor=anchor).exists()


def _has_paragraph(article: Article, anchor: str) -> bool:
    needle = f'<p id="{anchor}">'
    return (
        needle in article.body_html
        or InterviewAnswer.objects.filter(
            question__article=article, body_html__contains=needle
        ).exists()
    )


@admin.register(KeyFigure)
class KeyFigureAdmin(ContentAdmin):
    form = KeyFigureForm
    list_display = ("position", "value", "label", "article", "is_published")
    list_display_links = ("value",)
    list_filter = ("article", "is_published")
    list_select_related = ("article",)
    search_fields = ("value", "label", "sentence")
    prepopulated_fields = {"slug": ("label",)}
    autocomplete_fields = ("article", "speaker")
    fieldsets = [
        (None, {"fields": ("value", "label", "slug", "position")}),
        (
            "Its scope, in the dossier's words",
            {"fields": ("subject", "where", "when", "according_to", "speaker")},
        ),
        ("Source", {"fields": ("article", "anchor", "paragraph", "sentence")}),
    ]


class InterviewAnswerInline(MarkdownPreviewMixin, StackedInline):
    model = InterviewAnswer
    extra = 0
    fields = ("position", "speaker", "body", "breaks_off")
    autocomplete_fields = ("speaker",)


@admin.register(InterviewQuestion)
class InterviewQuestionAdmin(EditorAdmin):
    list_display = ("position", "text", "article")
    list_display_links = ("text",)
    list_filter = ("article",)
    list_select_related = ("article",)
    search_fields = ("text", "answers__body")
    prepopulated_fields = {"anchor": ("text",)}
    autocomplete_fields = ("article",)
    fields = ("article", "position", "text", "anchor")
    inlines = [InterviewAnswerInline]

    def view_on_site(self, question):
        return f"{question.article.get_absolute_url()}#{question.anchor}"
