"""Where a record is used: the other content that mentions it (its name, or a link typed to
its address) or refers to it. Editors see this before they delete or unpublish something, so
that no link on the portal breaks unnoticed (dossier_portal.content.crosslinks renders the
texts again when it changes).

This module imports no app: apps name the relations that count as a use (`related_names`).
"""

from dataclasses import dataclass

from django.db import models
from django.urls import NoReverseMatch, reverse

from dossier_portal.content.models import Mention


@dataclass(frozen=True)
class Usage:
    description: str
    url: str | None  # the admin page of the record that uses it, else its public page


def usages_of(record: models.Model, related_names: tuple[str, ...] = ()) -> list[Usage]:
    """Mentions of `record` in rendered text, then the records that refer to it through the
    reverse relations named in `related_names` (e.g. a person's "contributions")."""
    if record.pk is None:
        return []
    mentions = Mention.objects.of(record).prefetch_related("source")
    usages = [_usage_of_mention(mention) for mention in mentions]
    for name in related_names:
        for referrer in getattr(record, name).all():
            usages.append(Usage(f"{_kind_of(referrer)}: {referrer}", edit_url(referrer)))
    return [usage for usage in usages if usage is not None]


def _usage_of_mention(mention: Mention) -> Usage | None:
    source = mention.source
    if source is None:  # its source was deleted; the mention goes with the next render
        return None
    place = f", section “{mention.heading}”" if mention.heading else ""
    return Usage(f"Mentioned in {_kind_of(source).lower()} “{source}”{place}", edit_url(source))


def _kind_of(record: models.Model) -> str:
    return str(record._meta.verbose_name).capitalize()


def edit_url(record: models.Model) -> str | None:
    """The record's change page in the admin, or its public page when it has no admin."""
    opts = record._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        get_absolute_url = getattr(record, "get_absolute_url", None)
        return get_absolute_url() if get_absolute_url else None
