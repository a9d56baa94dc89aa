"""`make bench-scale`: the same pages with a thousandth of the synthetic corpus, then with all of
it, in a database of their own. Queries per page must not grow, long lists must paginate, and
search must stay fast with its GIN index in use."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from dossier_portal.content.models import Mention
from dossier_portal.devtools.benchmark import synthetic
from dossier_portal.devtools.benchmark.pages import (
    Page,
    RenderFigures,
    gin_indexes,
    pages_to_measure_at_scale,
    render_figures,
    search_plans,
    search_url,
)
from dossier_portal.site.search import RANKED_PER_KIND

MAX_SEARCH_MS = 50
MAX_RENAME_S = 2
MAX_HTML_BYTES = 100_000
LISTS = ("timeline", "organisations")
# A word only a few records hold: the number in their titles (synthetic.py).
RARE_QUERY = "777"
GROWTH = 1000
# Why a search whose words are in most rows needs no index (search.RANKED_PER_KIND).
NO_INDEX_NEEDED = (
    "none: most rows match, so Postgres reads each table in order and stops once it has more"
    f" than {RANKED_PER_KIND} matches of a type"
)


@dataclass(frozen=True)
class Step:
    size: synthetic.CorpusSize
    pages: list[Page]
    figures: dict[str, RenderFigures]


def fraction(size: synthetic.CorpusSize, divisor: int) -> synthetic.CorpusSize:
    return synthetic.CorpusSize(
        measures=max(1, size.measures // divisor),
        milestones_per_measure=size.milestones_per_measure,
        articles=max(1, size.articles // divisor),
        sections_per_article=size.sections_per_article,
        organisations=max(1, size.organisations // divisor),
    )


def minus(size: synthetic.CorpusSize, part: synthetic.CorpusSize) -> synthetic.CorpusSize:
    return synthetic.CorpusSize(
        measures=size.measures - part.measures,
        milestones_per_measure=size.milestones_per_measure,
        articles=size.articles - part.articles,
        sections_per_article=size.sections_per_article,
        organisations=size.organisations - part.organisations,
    )


def measure_step(size: synthetic.CorpusSize, query: str, samples: int) -> Step:
    pages = pages_to_measure_at_scale(query)
    return Step(size, pages, {page.name: render_figures(page.url, samples) for page in pages})


def run(out, full: synthetic.CorpusSize, query: str, samples: int) -> None:
    if synthetic.holds_real_content():
        raise CommandError("bench --scale empties its database: point DATABASE_URL at its own")
    call_command("flush", interactive=False, verbosity=0)
    small = fraction(full, GROWTH)
    synthetic.generate(small)
    before = measure_step(small, query, samples)
    synthetic.generate(minus(full, small))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum would make them
    after = measure_step(full, query, samples)
    print_steps(out, before, after)
    print_search(out, after, samples)
    print_rename(out)


def print_steps(out, before: Step, after: Step) -> None:
    out.write(f"corpus: {before.size}\n   then {after.size}\n")
    out.write(
        f"{'page':<14} {'queries':>8} {'at scale':>9} {'render ms':>10} {'HTML kB':>8}  lists"
    )
    for page in after.pages:
        small, large = before.figures[page.name], after.figures[page.name]
        out.write(
            f"{page.name:<14} {small.queries:>8} {large.queries:>9} {large.median_ms:>10.2f}"
            f" {large.html_bytes / 1000:>8.1f}  {list_note(page, large)}"
        )
    grown = [
        page.name
        for page in after.pages
        if after.figures[page.name].queries != before.figures[page.name].queries
    ]
    heavy = [p.name for p in after.pages if after.figures[p.name].html_bytes >= MAX_HTML_BYTES]
    out.write(f"bench-scale: queries per page constant: {verdict(grown)}")
    out.write(f"bench-scale: every page under 100 kB: {verdict(heavy)}")


def verdict(failures: list[str]) -> str:
    return "no: " + ", ".join(failures) if failures else "yes"


def list_note(page: Page, figures: RenderFigures) -> str:
    if page.name not in LISTS:
        return ""
    return "paginated or grouped" if figures.html_bytes < MAX_HTML_BYTES else "NOT paginated"


def print_search(out, step: Step, samples: int) -> None:
    """The measured search (its words are in most records: every match must be ranked), then
    one that few records match (the GIN index narrows the rows before ranking)."""
    search = next((page for page in step.pages if page.name == "search"), None)
    if search is None:
        out.write("bench-scale: no search page yet (no URL named 'search')")
        return
    rare = search_url(RARE_QUERY)
    for url, median in (
        (search.url, step.figures["search"].median_ms),
        (rare, render_figures(rare, samples).median_ms),
    ):
        plans = search_plans(url)
        for plan in plans:
            out.write(f"EXPLAIN ANALYZE {url}:\n{plan}\n")
        out.write(
            f"bench-scale: search {url} median {median:.1f} ms"
            f" ({'under' if median < MAX_SEARCH_MS else 'NOT under'} {MAX_SEARCH_MS} ms);"
            f" GIN indexes in use: {', '.join(gin_indexes_used(plans)) or NO_INDEX_NEEDED}"
        )


def gin_indexes_used(plans: list[str]) -> list[str]:
    scanned = {name for plan in plans for name in re.findall(r"Index Scan on (\S+)", plan)}
    return sorted(scanned & gin_indexes())


def print_rename(out) -> None:
    """An editor renames a measure that texts link to by hand: the save, its commit and the
    texts rendered again after it (content/crosslinks.py), timed together."""
    measures = apps.get_model("timeline.Measure").objects
    measure = measures.get(slug=f"{synthetic.SLUG_PREFIX}measure-1")
    linking = Mention.objects.of(measure).count()
    measure.slug = f"{measure.slug}-renamed"
    start = time.perf_counter()
    with transaction.atomic():
        measure.save()
    seconds = time.perf_counter() - start
    followed = Mention.objects.of(measure).count() == linking and all(
        measure.get_absolute_url() in article.body_html
        for article in apps.get_model("articles.Article").objects.filter(
            pk__in=Mention.objects.of(measure).values("source_id")
        )
    )
    out.write(
        f"bench-scale: renaming a measure linked from {linking} texts took {seconds:.2f} s with"
        f" its texts rendered again ({'under' if seconds < MAX_RENAME_S else 'NOT under'}"
        f" {MAX_RENAME_S} s); links followed: {'yes' if followed else 'NO'}"
    )
