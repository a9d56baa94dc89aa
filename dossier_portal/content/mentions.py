"""Where the dossier mentions a measure or an organisation: the "Mentioned in" links of its page.

This module knows no app. A mention's source is any model with get_absolute_url(); when it is
part of a larger page (an interview answer is part of its article), it says so with a
`mention_page` property and names what that needs in `mention_select_related`, so each kind of
source costs one query however many mentions there are, and the mentions one more.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from dossier_portal.content.models import Mention


@dataclass(frozen=True)
class Place:
    page_title: str
    heading: str
    url: str


def places_mentioning(target) -> list[Place]:
    """The published sections that mention `target`, each once, in the dossier's order."""
    mentions = list(Mention.objects.of(target).order_by("pk"))
    sources = _sources_of(mentions)
    places: dict[str, tuple[tuple[int, int], Place]] = {}
    for mention in mentions:
        source = sources.get((mention.source_type_id, mention.source_id))
        page = getattr(source, "mention_page", source)
        if page is None or not page.is_published:
            continue
        url = page.get_absolute_url() + (f"#{mention.anchor}" if mention.anchor else "")
        order = (getattr(page, "position", 0), mention.pk)
        places.setdefault(url, (order, Place(str(page), mention.heading, url)))
    return [place for _, place in sorted(places.values(), key=lambda item: item[0])]


def _sources_of(mentions: list[Mention]) -> dict[tuple[int, int], object]:
    ids_by_type: dict[int, set[int]] = defaultdict(set)
    for mention in mentions:
        ids_by_type[mention.source_type_id].add(mention.source_id)
    sources = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        found = model._default_manager.filter(pk__in=ids)
        if related := getattr(model, "mention_select_related", ()):
            found = found.select_related(*related)
        for source in found:
            sources[(type_id, source.pk)] = source
    return sources
