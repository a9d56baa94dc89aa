from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Prefetch
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from dossier_portal.mentions import places_mentioning
from timeline.entries import by_year, timeline_entries
from timeline.forms import TimelineFilters
from timeline.models import DocumentLink, Measure, Milestone


@require_safe
def index(request):
    filters = TimelineFilters(request.GET)
    chosen = filters.chosen()
    measures = Measure.objects.published().filter(**chosen)
    milestones = (
        Milestone.objects.published()
        .filter(measure__is_published=True, **{f"measure__{k}": v for k, v in chosen.items()})
        .select_related("measure")
    )
    entries = timeline_entries(measures, milestones)
    context = {
        "filters": filters,
        "chosen": chosen,
        "years": by_year(entries),
        "entry_count": len(entries),
    }
    return render(request, "timeline/index.html", context)


def _as_json_list(queryset, **fields):
    """A small related list fetched inside the main query, as dicts: keeps a page's query count
    fixed however many lists it shows."""
    return ArraySubquery(queryset.values(json=JSONObject(**fields)))


def with_related_lists(measures):
    same_fields = {"slug": "slug", "short_title": "short_title", "title": "title"}
    published = Measure.objects.published().order_by("date")
    return measures.annotate(
        document_links=_as_json_list(
            DocumentLink.objects.filter(measure=OuterRef("pk")), label="label", url="url"
        ),
        replaces_list=_as_json_list(published.filter(replaced_by=OuterRef("pk")), **same_fields),
        replaced_by_list=_as_json_list(published.filter(replaces=OuterRef("pk")), **same_fields),
    )


@require_safe
def measure(request, slug):
    measures = with_related_lists(Measure.objects.visible_to(request.user)).prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.visible_to(request.user))
    )
    measure = get_object_or_404(measures, slug=slug)
    context = {
        "measure": measure,
        "object": measure,
        "milestones": measure.milestones.all(),
        "mentioned_in": places_mentioning(measure),
    }
    return render(request, "timeline/measure.html", context)
