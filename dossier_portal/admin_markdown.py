"""Markdown fields in the admin: the text area, and under it the HTML the site will show, rendered
by the site's one renderer. It shows the saved text at once and follows the editor's typing
through a small script (an external file, as the CSP requires) and the preview endpoint."""

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from dossier_portal.markdown import MARKDOWN_HELP
from dossier_portal.markdown import render as render_markdown

# Longer than any article of the dossier by far; keeps one preview request cheap.
PREVIEW_MAX_CHARS = 200_000


class MarkdownPreviewTextarea(forms.Textarea):
    class Media:
        js = ["admin-extra/markdown-preview.js"]
        css = {"all": ["admin-extra/admin-extra.css"]}

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="markdown-field">{}'
            '<section class="markdown-preview" data-preview-url="{}" aria-label="Preview">'
            '<p class="markdown-preview-title">Preview: the page will show'
            " (links to measures and organisations are added on save)</p>"
            '<div class="markdown-preview-output" aria-live="polite">{}</div>'
            "</section></div>",
            textarea,
            reverse("markdown_preview"),
            mark_safe(render_markdown(value or "").html),  # noqa: S308 (sanitised by the renderer)
        )


class MarkdownPreviewMixin:
    """For model admins and inlines: every Markdown field (its help text is MARKDOWN_HELP) gets
    the previewing text area."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.help_text == MARKDOWN_HELP:
            kwargs["widget"] = MarkdownPreviewTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@require_POST
@staff_member_required
def markdown_preview(request):
    """The sanitised HTML of the posted `text`. Cross-links to measures and organisations are
    left out: they are added when the text is saved."""
    text = request.POST.get("text", "")
    if len(text) > PREVIEW_MAX_CHARS:
        return HttpResponse("Too long to preview.", status=413, content_type="text/plain")
    return HttpResponse(render_markdown(text).html, content_type="text/html; charset=utf-8")
