"""`make bench`: throughput and latency of each kind of page under wrk, against the same article
saved as a static file and served by whitenoise in the same run, plus what each page costs
uncached. The figures are only comparable within one run: see docs/PERFORMANCE.md."""

from __future__ import annotations

import datetime
import os
import platform
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dossier_portal.devtools import embedded_pg
from dossier_portal.devtools.benchmark import load
from dossier_portal.devtools.benchmark.pages import (
    Page,
    RenderFigures,
    page_html,
    pages_to_measure,
    render_figures,
)

STATIC_PAGE = "static file"
# The targets (docs/PERFORMANCE.md).
MIN_RATIO = 0.8
MIN_SEARCH_RATIO = 0.3
MAX_P99_MS = 50
# A query per related list (Prefetch), as tests/support/pages.py's QUERY_BUDGET.
MAX_QUERIES = 8
# Issue 13: uncached, with querysets built per request (the plain ORM).
MAX_RENDER_MS = 25


@dataclass
class Row:
    page: Page
    load: load.LoadResult
    uncached: RenderFigures

    def ratio(self, static: load.LoadResult) -> float:
        return self.load.requests_per_second / static.requests_per_second


class Command(BaseCommand):
    help = "Benchmark the pages under load against a static file (make bench runs it)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=5, help="wrk's duration per page")
        parser.add_argument("--connections", type=int, default=20)
        parser.add_argument(
            "--rounds", type=int, default=2, help="runs per page; the best counts (noise slows)"
        )
        parser.add_argument("--samples", type=int, default=30, help="uncached renders per page")
        parser.add_argument("--query", default="child sexual abuse", help="the search measured")
        parser.add_argument(
            "--scale",
            action="store_true",
            help="empty this database, then measure at 1/1000 of the synthetic corpus and at all "
            "of it (make bench-scale)",
        )

    def handle(self, *args, **options):
        self.print_machine()
        if options["scale"]:
            # Here, not at the top: they import models, and this module runs before Django is
            # set up (run_command).
            from dossier_portal.devtools.benchmark import scale
            from dossier_portal.devtools.benchmark.synthetic import CorpusSize

            scale.run(self.stdout, CorpusSize(), options["query"], options["samples"])
            return
        pages = pages_to_measure(options["query"])
        uncached = {page.name: render_figures(page.url, options["samples"]) for page in pages}
        for page in pages:
            if uncached[page.name].status != 200:
                raise CommandError(f"{page.url} answers {uncached[page.name].status}, not 200")
        article = next(page for page in pages if page.name == "article")
        with static_copy(article) as static_url:
            results = self.run_load([Page(STATIC_PAGE, static_url), *pages], options)
        static = results.pop(STATIC_PAGE)
        rows = [Row(page, results[page.name], uncached[page.name]) for page in pages]
        self.stdout.write(
            f"wrk -t2 -c{options['connections']} -d{options['seconds']}s, best of "
            f"{options['rounds']} rounds; the static file is {article.url} saved as HTML\n"
        )
        self.print_table(static, rows)
        self.print_verdicts(static, rows)

    def print_machine(self):
        self.stdout.write(
            f"bench: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on "
            f"{platform.node()}: {cpu_model()}, {os.cpu_count()} cores, "
            f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}"
        )

    def run_load(self, pages: list[Page], options) -> dict[str, load.LoadResult]:
        """Round-robin over the pages, keeping each page's best round: on a shared machine,
        other people's work only ever slows a run down."""
        best: dict[str, load.LoadResult] = {}
        database_url = os.environ.get("DATABASE_URL") or embedded_pg.database_url()
        with load.gunicorn(database_url) as base_url:
            for _ in range(options["rounds"]):
                for page in pages:
                    result = load.run_wrk(
                        base_url + page.url, options["seconds"], options["connections"]
                    )
                    if result.errors:
                        raise CommandError(f"{page.url}: {result.errors} failed requests")
                    previous = best.get(page.name)
                    if not previous or result.requests_per_second > previous.requests_per_second:
                        best[page.name] = result
        return best

    def print_table(self, static: load.LoadResult, rows: list[Row]):
        header = (
            f"{'page':<13} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6}"
            f" {'queries':>8} {'render ms':>10} {'HTML kB':>8}  url"
        )
        self.stdout.write(header)
        self.stdout.write(
            f"{STATIC_PAGE:<13} {static.requests_per_second:>8.0f} {static.p50_ms:>7.2f}"
            f" {static.p99_ms:>7.2f} {1:>6.2f} {'-':>8} {'-':>10} {'-':>8}"
        )
        for row in rows:
            figures = row.uncached
            self.stdout.write(
                f"{row.page.name:<13} {row.load.requests_per_second:>8.0f}"
                f" {row.load.p50_ms:>7.2f} {row.load.p99_ms:>7.2f} {row.ratio(static):>6.2f}"
                f" {figures.queries:>8} {figures.median_ms:>10.2f}"
                f" {figures.html_bytes / 1000:>8.1f}  {row.page.url}"
            )

    def print_verdicts(self, static: load.LoadResult, rows: list[Row]):
        for row in rows:
            for problem in shortfalls(row, static):
                self.stdout.write(f"MISSED {row.page.name}: {problem}")
        lowest = min(rows, key=lambda row: row.ratio(static))
        ratio = lowest.ratio(static)
        self.stdout.write(f"bench: lowest page/static ratio {ratio:.2f} ({lowest.page.name})")


def shortfalls(row: Row, static: load.LoadResult) -> list[str]:
    minimum = MIN_SEARCH_RATIO if row.page.name == "search" else MIN_RATIO
    checks = [
        (row.ratio(static) >= minimum, f"ratio {row.ratio(static):.2f} < {minimum}"),
        (row.load.p99_ms < MAX_P99_MS, f"p99 {row.load.p99_ms:.1f} ms >= {MAX_P99_MS} ms"),
        (row.uncached.queries <= MAX_QUERIES, f"{row.uncached.queries} queries > {MAX_QUERIES}"),
        (
            row.uncached.median_ms < MAX_RENDER_MS,
            f"uncached median {row.uncached.median_ms:.1f} ms >= {MAX_RENDER_MS} ms",
        ),
    ]
    return [problem for passed, problem in checks if not passed]


@contextmanager
def static_copy(article: Page):
    """Yields the URL of the article's HTML as a file among the collected static files, for
    whitenoise to serve to the gunicorn started next (whitenoise indexes its files at start)."""
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        raise CommandError("run collectstatic first (make bench does)")
    folder = Path(settings.STATIC_ROOT) / "bench"
    folder.mkdir(exist_ok=True)
    try:
        (folder / "article.html").write_bytes(page_html(article.url))
        yield f"/{settings.STATIC_URL.strip('/')}/bench/article.html"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


if __name__ == "__main__":
    from dossier_portal.devtools import run_command

    run_command(Command, "bench")
