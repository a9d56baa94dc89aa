"""The pages the benchmark measures, and what each costs without the page cache: queries,
median render time and HTML weight, through the whole middleware stack (Django's test client)."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.db.models.functions import Length
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

PAGE_CACHE = "dossier_portal.site.page_cache.PageCacheMiddleware"
# A page that renders slowly (an unpaginated list at scale) gets fewer samples, at least three.
SAMPLING_SECONDS = 10


@dataclass(frozen=True)
class Page:
    name: str
    url: str


@dataclass(frozen=True)
class RenderFigures:
    status: int
    queries: int
    median_ms: float
    html_bytes: int


def pages_to_measure(search_query: str) -> list[Page]:
    """One of each kind of page, the heaviest of its kind where that is cheap to tell."""
    article = heaviest("articles.Article", Length("body_html"))
    measure = heaviest("timeline.Measure", Count("milestones"))
    organisation = heaviest("organisations.Organisation", Count("affiliations"))
    if not (article and measure and organisation):
        raise RuntimeError("nothing to measure: load the dossier first (make bench does)")
    pages = [
        Page("home", reverse("home")),
        Page("article", article.get_absolute_url()),
        Page("timeline", reverse("timeline:index")),
        Page("measure", measure.get_absolute_url()),
        Page("organisation", organisation.get_absolute_url()),
    ]
    if url := search_url(search_query):
        pages.append(Page("search", url))
    return pages


def pages_to_measure_at_scale(search_query: str) -> list[Page]:
    """The same, and the directory: the lists that must paginate or group as content grows."""
    directory = Page("organisations", reverse("organisations:index"))
    return [*pages_to_measure(search_query), directory]


def heaviest(label: str, weight):
    records = apps.get_model(label).objects.published()
    return records.annotate(weight=weight).order_by("-weight", "pk").first()


def search_url(query: str) -> str | None:
    try:
        return f"{reverse('search')}?{urlencode({'q': query})}"
    except NoReverseMatch:
        return None


def uncached_client() -> override_settings:
    """Settings for a test client that renders every request (no page cache) and is let in."""
    return override_settings(
        MIDDLEWARE=[name for name in settings.MIDDLEWARE if name != PAGE_CACHE],
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
    )


def render_figures(url: str, samples: int) -> RenderFigures:
    with uncached_client():
        client = Client()
        response = client.get(url, secure=True)  # warms templates and the connection
        with CaptureQueriesContext(connection) as captured:
            client.get(url, secure=True)
        queries = len(captured)  # now: the next request clears the log it reads
        timings = []
        budget_ends = time.perf_counter() + SAMPLING_SECONDS
        while len(timings) < samples and (len(timings) < 3 or time.perf_counter() < budget_ends):
            started = time.perf_counter()
            client.get(url, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
    return RenderFigures(
        status=response.status_code,
        queries=queries,
        median_ms=statistics.median(timings),
        html_bytes=len(response.content),
    )


def page_html(url: str) -> bytes:
    with uncached_client():
        return Client().get(url, secure=True).content


def search_plans(url: str) -> list[str]:
    """EXPLAIN ANALYZE of every full-text query the search page runs."""
    with uncached_client(), CaptureQueriesContext(connection) as queries:
        Client().get(url, secure=True)
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if "@@" in query["sql"]:
                cursor.execute(f"EXPLAIN ANALYZE {query['sql']}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def gin_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gin%'")
        return {row[0] for row in cursor.fetchall()}
