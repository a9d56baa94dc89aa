from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Prefetch, Q
from django.db.models.functions import JSONObject
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from dossier_portal.content.mentions import places_mentioning
from timeline.entries import by_year, paginated_entries
from timeline.facets import entry_counts, facets, total
from timeline.forms import TimelineFilters
from timeline.models import CELEX_RE, Measure, Milestone
from timeline.procedure import stage_track

# The dossier's own timeline fits on one page; a grown one is read a page at a time.
ENTRIES_PER_PAGE = 100


@require_safe
def index(request):
    filters = TimelineFilters(request.GET)
    chosen = filters.chosen()
    counts = entry_counts(list(filters.fields))
    entry_count = total(counts, chosen)
    page, entries = paginated_entries(
        chosen, request.GET.get("page"), ENTRIES_PER_PAGE, entry_count
    )
    filter_facets = facets(counts, chosen, filters)
    filters.offer(filter_facets)
    context = {
        "filters": filters,
        "facets": filter_facets,
        "chosen": chosen,
        "page": page,
        "years": by_year(entries),
        "entry_count": entry_count,
    }
    return render(request, "timeline/index.html", context)


def recast_list(**relation):
    """The published measures in a recast relation with the measure, as a list inside its own
    query (rare relations: no query of their own), each saying whether it is a proposal."""
    related = Measure.objects.published().filter(**relation).order_by("date")
    is_proposal = ExpressionWrapper(Q(kind__in=Measure.PROPOSAL_KINDS), BooleanField())
    return ArraySubquery(
        related.values(
            json=JSONObject(slug="slug", short_title="short_title", is_proposal=is_proposal)
        )
    )


@require_safe
def measure(request, slug):
    """The measure with its milestones (drafts too for an editor), its document links and the
    published measures it replaces or is replaced by: a query for each list; and those it recasts
    or is recast by, in the measure's own query."""
    related = Measure.objects.published().order_by("date")
    measures = (
        Measure.objects.visible_to(request.user)
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.visible_to(request.user),
                to_attr="milestone_list",
            ),
            Prefetch("documents", to_attr="document_list"),
            Prefetch("replaces", queryset=related, to_attr="replaces_list"),
            Prefetch("replaced_by", queryset=related, to_attr="replaced_by_list"),
        )
        .annotate(
            recasts_list=recast_list(recast_by=OuterRef("pk")),
            recast_by_list=recast_list(recasts=OuterRef("pk")),
        )
    )
    measure = get_object_or_404(measures, slug=slug)
    context = {
        "measure": measure,
        "object": measure,
        "stages": stage_track(measure, measure.milestone_list),
        "mentioned_in": places_mentioning(measure),
    }
    return render(request, "timeline/measure.html", context)


@require_safe
def measure_by_celex(request, celex):
    """Sites that cite EU law by CELEX number link here; the measure's page is the permalink."""
    celex = celex.strip().upper()
    if not CELEX_RE.match(celex):
        raise Http404("Not a CELEX number.")
    measure = get_object_or_404(Measure.objects.published(), celex=celex)
    return redirect(measure, permanent=True)
