"""The record of which measures and organisations each section of a rendered text mentions."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from dossier_portal.content.markdown import Rendered
from dossier_portal.content.models import Mention


def _target_of(key: str):
    label, pk = key.split(":")
    return ContentType.objects.get_by_natural_key(*label.split(".")), int(pk)


def record_mentions(
    source, rendered: Rendered, headings: dict[str, str], anchor: str | None = None
):
    """Store what `source` mentions, section by section, replacing what it mentioned before.
    `anchor`, when given, places every mention under that one anchor."""
    source_type = ContentType.objects.get_for_model(source)
    with transaction.atomic():
        Mention.objects.filter(source_type=source_type, source_id=source.pk).delete()
        Mention.objects.bulk_create(
            [
                Mention(
                    source_type=source_type,
                    source_id=source.pk,
                    anchor=anchor if anchor is not None else section_anchor,
                    heading=headings.get(section_anchor, ""),
                    target_type=target_type,
                    target_id=target_id,
                )
                for key, section_anchor in rendered.mentions
                for target_type, target_id in [_target_of(key)]
            ],
            ignore_conflicts=True,
        )
