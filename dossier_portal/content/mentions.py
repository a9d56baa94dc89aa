"""Where the dossier mentions a measure or an organisation: the "Mentioned in" links of its page.

This module knows no app. A mention's source is any model with get_absolute_url(); when it is
part of a larger page (an interview answer is part of its article), it says so with a
`mention_page` property and names what that needs in `mention_select_related`, so each kind of
source costs one query however many mentions there are. The mentions themselves come inside the
page's own query (mention_list).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef

from dossier_portal.content.models import Mention
from dossier_portal.content.related_lists import as_json_list


@dataclass(frozen=True)
class Place:
    page_title: str
    heading: str
    url: str


def mention_list(model):
    """The mentions of the outer query's record, a `model`, as a list of dicts for
    places_mentioning (see related_lists.py)."""
    mentions = Mention.objects.filter(
        target_type__app_label=model._meta.app_label,
        target_type__model=model._meta.model_name,
        target_id=OuterRef("pk"),
    ).order_by("pk")
    return as_json_list(mentions, "id", "source_type", "source_id", "anchor", "heading")


def places_mentioning(mentions: list[dict]) -> list[Place]:
    """The published sections `mentions` (from mention_list) point to, each once, in the
    dossier's order."""
    sources = _sources_of(mentions)
    places: dict[str, tuple[tuple[int, int], Place]] = {}
    for mention in mentions:
        source = sources.get((mention["source_type"], mention["source_id"]))
        page = getattr(source, "mention_page", source)
        if page is None or not page.is_published:
            continue
        url = page.get_absolute_url() + (f"#{mention['anchor']}" if mention["anchor"] else "")
        order = (getattr(page, "position", 0), mention["id"])
        places.setdefault(url, (order, Place(str(page), mention["heading"], url)))
    return [place for _, place in sorted(places.values(), key=lambda item: item[0])]


def _sources_of(mentions: list[dict]) -> dict[tuple[int, int], object]:
    ids_by_type: dict[int, set[int]] = defaultdict(set)
    for mention in mentions:
        ids_by_type[mention["source_type"]].add(mention["source_id"])
    sources = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        found = model._default_manager.filter(pk__in=ids)
        if related := getattr(model, "mention_select_related", ()):
            found = found.select_related(*related)
        for source in found:
            sources[(type_id, source.pk)] = source
    return sources
