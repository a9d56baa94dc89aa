"""Markdown fields in the admin: the text area, and under it the HTML the site will show, rendered
by the site's one renderer. It shows the saved text at once and follows the editor's typing
through a small script (an external file, as the CSP requires) and a preview URL of the admin."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from dossier_portal.content.markdown import MARKDOWN_HELP, MAX_CHARS
from dossier_portal.content.markdown import render as render_markdown


class MarkdownPreviewTextarea(forms.Textarea):
    class Media:
        js = ["admin-extra/markdown-preview.js"]
        css = {"all": ["admin-extra/admin-extra.css"]}

    def __init__(self, preview_url: str, attrs=None):
        super().__init__(attrs)
        self.preview_url = preview_url

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
            self.preview_url,
            _initial_preview(value or ""),
        )


def _initial_preview(text: str) -> str:
    if len(text) > MAX_CHARS:
        return too_long(text)
    return mark_safe(render_markdown(text).html)  # noqa: S308 (sanitised by the renderer)


def too_long(text: str) -> str:
    return (
        f"No preview: the text has {len(text):,} characters, more than the {MAX_CHARS:,} a "
        "text may have. Shorten it to see the preview and to save it."
    )


class MarkdownPreviewMixin:
    """For model admins and their inlines: every Markdown field (its help text is MARKDOWN_HELP)
    gets the previewing text area. The preview URL belongs to the model admin (an inline uses
    its parent's), so only those who may edit that model can use it."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.help_text == MARKDOWN_HELP:
            kwargs["widget"] = MarkdownPreviewTextarea(self._preview_url())
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _preview_url(self) -> str:
        opts = getattr(self, "parent_model", self.model)._meta  # an inline's parent_model
        name = f"{opts.app_label}_{opts.model_name}_markdown_preview"
        return reverse(f"{self.admin_site.name}:{name}")

    def get_urls(self):
        opts = self.model._meta
        preview = path(
            "markdown-preview/",
            self.admin_site.admin_view(self.markdown_preview_view),
            name=f"{opts.app_label}_{opts.model_name}_markdown_preview",
        )
        return [preview, *super().get_urls()]

    def markdown_preview_view(self, request):
        """The sanitised HTML of the posted `text`. Cross-links to measures and organisations
        are left out: they are added when the text is saved."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        return _preview(request.POST.get("text", ""))


def _preview(text: str) -> HttpResponse:
    if len(text) > MAX_CHARS:
        return HttpResponse(
            too_long(text),
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(render_markdown(text).html, content_type="text/html; charset=utf-8")
