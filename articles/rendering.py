"""The record of which pages each section of a rendered text mentions (dossier_portal.content.
crosslinks)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from dossier_portal.content.markdown import Rendered
from dossier_portal.content.models import Mention


def _target_of(key: str):
    label, pk = key.split(":")
    return ContentType.objects.get_by_natural_key(*label.split(".")), int(pk)


_ATTNAMES = ("anchor", "target_type_id", "target_id", "heading", "href")


def record_mentions(
    source, rendered: Rendered, headings: dict[str, str], anchor: str | None = None
):
    """Store what `source` mentions, section by section, replacing what it mentioned before
    unless that is the same (a text rendered again for another text's link keeps its rows).
    `anchor`, when given, places every mention under that one anchor."""
    source_type = ContentType.objects.get_for_model(source)
    # One mention per target and section, in the text's order; a typed link's keeps its
    # address (see Mention.href).
    wanted = {}
    for mentioned in sorted(rendered.mentions, key=lambda m: not m.href):
        target_type, target_id = _target_of(mentioned.key)
        place = anchor if anchor is not None else mentioned.anchor
        wanted.setdefault(
            (place, target_type.pk, target_id),
            (headings.get(mentioned.anchor, ""), mentioned.href),
        )
    rows = [(*place, *rest) for place, rest in wanted.items()]
    fields = ("anchor", "target_type", "target_id", "heading", "href")
    with transaction.atomic():
        stored = Mention.objects.filter(source_type=source_type, source_id=source.pk)
        if sorted(stored.values_list(*fields)) == sorted(rows):
            return
        stored.delete()
        Mention.objects.bulk_create(
            Mention(source=source, **dict(zip(_ATTNAMES, row, strict=True))) for row in rows
        )
