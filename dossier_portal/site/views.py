"""Site-wide views: the home page (the dossier's cover and contents), Get help, robots.txt,
the health check and the error pages that need code."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import OuterRef, Subquery, TextField
from django.db.models.functions import Coalesce
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.template.context_processors import csp
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.models import Article, ArticleSection, InterviewQuestion, KeyFigure
from dossier_portal.opendata import api
from organisations.models import HelpResource, Organisation
from timeline.models import Milestone

# The errors that mean "the database cannot be reached", as opposed to a bug in a query.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# How long a reader (or a crawler) should wait before trying again, in seconds.
RETRY_AFTER_SECONDS = 30
LATEST_MILESTONES = 5


def opening_paragraph(html: str) -> str:
    """The first paragraph of stored (already sanitised) HTML, for the editorial's lead."""
    start = html.find("<p>")
    end = html.find("</p>", start)
    return html[start : end + len("</p>")] if start != -1 and end != -1 else ""


def key_figures_with_their_place():
    """Each published figure with the heading of the section (or interview question) it comes
    from, fetched in the same query, so its source link can say where it leads."""
    same_place = {"article": OuterRef("article"), "anchor": OuterRef("anchor")}
    # Within one article its position alone orders the sections: no join to the article.
    sections = ArticleSection.objects.filter(**same_place).order_by("position")
    questions = InterviewQuestion.objects.filter(**same_place).order_by("position")
    return (
        KeyFigure.objects.published()
        .filter(article__is_published=True)
        .select_related("article", "speaker")
        # A figure links to its article: the article's text, the bulk of its row, is not needed.
        .defer("article__body", "article__body_html", "article__search_vector")
        .annotate(
            place=Coalesce(
                Subquery(sections.values("heading")[:1]),
                Subquery(questions.values("text")[:1]),
                output_field=TextField(),
            )
        )
    )


def latest_milestones():
    return (
        Milestone.objects.published()
        .filter(measure__is_published=True)
        .select_related("measure")
        .order_by("-date", "-pk")[:LATEST_MILESTONES]
    )


@require_safe
def home(request):
    articles, more_articles = first_of(Article.objects.published(), HOME_LIST_LIMIT)
    organisations, more_organisations = first_of(Organisation.objects.published(), HOME_LIST_LIMIT)
    editorial = next((a for a in articles if a.kind == Article.Kind.EDITORIAL), None)
    context = {
        "articles": articles,
        "more_articles": more_articles,
        "editorial": editorial,
        "editorial_opening": opening_paragraph(editorial.body_html) if editorial else "",
        "key_figures": key_figures_with_their_place(),
        "latest_milestones": latest_milestones(),
        "organisations": organisations,
        "more_organisations": more_organisations,
    }
    return render(request, "home.html", context)


# The home page lists the dossier's contents and organisations in full up to this many; a grown
# dossier's home page links to the paginated lists instead of growing with it.
HOME_LIST_LIMIT = 30


def first_of(queryset, limit: int) -> tuple[list, bool]:
    """The first `limit` records and whether there are more, in one query (no COUNT)."""
    records = list(queryset[: limit + 1])
    return records[:limit], len(records) > limit


@require_safe
def get_help(request):
    resources = HelpResource.objects.published()
    return render(request, "help.html", {"resources": resources})


@require_safe
def whole_dossier(request):
    """The dossier on one page, in reading order, to read through, print or save as PDF: the
    same published records, fetched the same way, as the API's collections."""
    context = {
        name: api.RESOURCES[name].queryset() for name in ("articles", "measures", "organisations")
    }
    return render(request, "dossier.html", context)


@require_safe
def open_data(request):
    """What the dossier offers as data, with addresses a reader can paste into curl."""
    addresses = {"api": "api:index", "csv": "timeline-csv", "feed": "feed", "sitemap": "sitemap"}
    context = {
        f"{name}_url": request.build_absolute_uri(reverse(route))
        for name, route in addresses.items()
    }
    return render(request, "data.html", context)


@require_safe
def favicon_ico(request):
    """Browsers and feed readers ask for /favicon.ico whatever a page's icon links say."""
    return redirect(static("favicon.ico"))


@require_safe
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not; never a traceback."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """handler500: Django calls it while handling the uncaught exception, from any layer
    (view, template or middleware), so sys.exc_info() tells an outage from a bug."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return defaults.server_error(request)


def service_unavailable(request):
    """503 with a friendly page. Rendered without context processors: they may query the
    database that is down. Never cached, so the page goes away when the database returns."""
    html = loader.render_to_string("503.html", csp(request))
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
