"""Dates in templates, always at the precision the dossier gives them
(see dossier_portal.content.dates)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from dossier_portal.content.dates import format_date, iso_at_precision

register = template.Library()


@register.simple_tag
def dated(value: datetime.date | None, precision: str = "day"):
    """`<time datetime="2023-11">November 2023</time>`; nothing when the date is unknown.
    A moment (e.g. when a record was last updated) is shown as its day, in the site's time zone."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return format_html(
        '<time datetime="{}">{}</time>',
        iso_at_precision(value, precision),
        format_date(value, precision),
    )
