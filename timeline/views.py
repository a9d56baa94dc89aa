from django.db.models import OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from dossier_portal.content.mentions import mention_list, places_mentioning
from dossier_portal.content.related_lists import as_json_list
from dossier_portal.site.detail_query import DetailQuery
from timeline.entries import by_year, paginated_entries
from timeline.forms import TimelineFilters
from timeline.models import CELEX_RE, DocumentLink, Measure, Milestone

# The dossier's own timeline fits on one page; a grown one is read a page at a time.
ENTRIES_PER_PAGE = 100


@require_safe
def index(request):
    filters = TimelineFilters(request.GET)
    chosen = filters.chosen()
    page, entries = paginated_entries(chosen, request.GET.get("page"), ENTRIES_PER_PAGE)
    context = {
        "filters": filters,
        "chosen": chosen,
        "page": page,
        "years": by_year(entries),
        "entry_count": page.paginator.count,
    }
    return render(request, "timeline/index.html", context)


def measure_page_query(drafts: bool):
    """The measure with its milestones, document links, related measures and the mentions of
    it, in one query."""
    this_measure = OuterRef("pk")
    published = Measure.objects.published().order_by("date")
    return Measure.objects.with_drafts(drafts).annotate(
        milestone_list=as_json_list(
            Milestone.objects.with_drafts(drafts).filter(measure=this_measure),
            "slug",
            "date",
            "date_precision",
            "title",
            "source_sentence",
            "is_published",
        ),
        document_links=as_json_list(
            DocumentLink.objects.filter(measure=this_measure), "label", "url"
        ),
        replaces_list=as_json_list(
            published.filter(replaced_by=this_measure), "slug", "short_title"
        ),
        replaced_by_list=as_json_list(
            published.filter(replaces=this_measure), "slug", "short_title"
        ),
        mention_list=mention_list(Measure),
    )


MEASURE_PAGE = DetailQuery(measure_page_query)


@require_safe
def measure(request, slug):
    measure = MEASURE_PAGE.get_or_404(slug, request.user)
    context = {
        "measure": measure,
        "object": measure,
        "mentioned_in": places_mentioning(measure.mention_list),
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
