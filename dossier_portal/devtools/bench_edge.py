"""`make bench-edge`: every kind of page through Varnish (deploy/varnish.vcl) in front of the
production gunicorn, side by side in the same run with nginx serving the same page's bytes as a
static file, under wrk at 50 connections; then, for each kind, a cold read just after a content
change has purged the edge (the page rendered again, end to end). See docs/PERFORMANCE.md."""

from __future__ import annotations

import os
import statistics
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dossier_portal.devtools import embedded_pg
from dossier_portal.devtools.bench import cpu_model
from dossier_portal.devtools.benchmark import load
from dossier_portal.devtools.benchmark.nginx import nginx
from dossier_portal.devtools.benchmark.pages import Page, page_html, pages_to_measure
from dossier_portal.devtools.edge import varnish

# The targets (docs/PERFORMANCE.md).
MIN_RATIO = 0.8
MAX_P99_MS = 10
MAX_COLD_MS = 30
COLD_READS = 10


@dataclass
class Row:
    page: Page
    edge: load.LoadResult
    static: load.LoadResult
    cold_ms: list[float]

    @property
    def ratio(self) -> float:
        return self.edge.requests_per_second / self.static.requests_per_second


class Command(BaseCommand):
    help = (
        "Benchmark the pages through Varnish against nginx serving their bytes (make bench-edge)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=5, help="wrk's duration per run")
        parser.add_argument("--connections", type=int, default=50)
        parser.add_argument("--rounds", type=int, default=2, help="the best round counts")
        parser.add_argument("--query", default="child sexual abuse", help="the search measured")

    def handle(self, *args, **options):
        self.stdout.write(
            f"bench-edge: {cpu_model()}, {os.cpu_count()} cores, load average "
            f"{' '.join(f'{n:.2f}' for n in os.getloadavg())}"
        )
        pages = pages_to_measure(options["query"])
        files = {f"{page.name}.html": page_html(page.url) for page in pages}
        database_url = os.environ.get("DATABASE_URL") or embedded_pg.database_url()
        edge_port = load.free_port()
        edge_url = f"http://127.0.0.1:{edge_port}/"
        with ExitStack() as running:
            app = running.enter_context(
                load.gunicorn(database_url, environment={"PURGE_FRONTENDS": edge_url})
            )
            front = running.enter_context(varnish([app.removeprefix("http://")], edge_port))
            static = running.enter_context(nginx(files))
            settings.PURGE_FRONTENDS = [edge_url]  # this process's changes purge it too
            for page in pages:
                # Every worker renders each page once (templates compiled, connection open):
                # a cold read measures a content change, not a worker's first request.
                load.run_wrk(app + page.url, seconds=1, connections=8)
            cold = {page.name: cold_reads(front.url + page.url) for page in pages}
            pairs = [(page, front.url + page.url, f"{static}/{page.name}.html") for page in pages]
            loads = self.run_load(pairs, options)
        rows = [Row(page, *loads[page.name], cold[page.name]) for page in pages]
        self.stdout.write(
            f"wrk -t2 -c{options['connections']} -d{options['seconds']}s, best of "
            f"{options['rounds']} rounds; nginx serves each page's bytes as a static file"
        )
        self.print_table(rows)
        self.print_verdicts(rows)

    def run_load(self, pairs, options) -> dict[str, tuple[load.LoadResult, load.LoadResult]]:
        """Each page through the edge, then its bytes from nginx, round-robin; each keeps its
        best round (other people's work on a shared machine only ever slows a run down)."""
        best: dict[str, list[load.LoadResult | None]] = {
            page.name: [None, None] for page, *_ in pairs
        }
        for _ in range(options["rounds"]):
            for page, edge_url, static_url in pairs:
                for slot, url in enumerate((edge_url, static_url)):
                    result = load.run_wrk(url, options["seconds"], options["connections"])
                    if result.errors:
                        raise CommandError(f"{url}: {result.errors} failed requests")
                    previous = best[page.name][slot]
                    if not previous or result.requests_per_second > previous.requests_per_second:
                        best[page.name][slot] = result
        return {name: (edge, static) for name, (edge, static) in best.items()}

    def print_table(self, rows: list[Row]):
        self.stdout.write(
            f"{'page':<13} {'edge req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'nginx req/s':>11}"
            f" {'p99 ms':>7} {'ratio':>6} {'cold ms (median, max)':>22}  url"
        )
        for row in rows:
            cold = f"{statistics.median(row.cold_ms):.1f}, {max(row.cold_ms):.1f}"
            self.stdout.write(
                f"{row.page.name:<13} {row.edge.requests_per_second:>10.0f}"
                f" {row.edge.p50_ms:>7.2f} {row.edge.p99_ms:>7.2f}"
                f" {row.static.requests_per_second:>11.0f} {row.static.p99_ms:>7.2f}"
                f" {row.ratio:>6.2f} {cold:>22}"
                f"  {row.page.url}"
            )

    def print_verdicts(self, rows: list[Row]):
        for row in rows:
            cold = statistics.median(row.cold_ms)
            checks = [
                (row.ratio >= MIN_RATIO, f"ratio {row.ratio:.2f} < {MIN_RATIO}"),
                (row.edge.p99_ms < MAX_P99_MS, f"p99 {row.edge.p99_ms:.1f} ms >= {MAX_P99_MS} ms"),
                (cold < MAX_COLD_MS, f"cold read median {cold:.1f} ms >= {MAX_COLD_MS} ms"),
            ]
            for passed, problem in checks:
                if not passed:
                    self.stdout.write(f"MISSED {row.page.name}: {problem}")
        lowest = min(rows, key=lambda row: row.ratio)
        self.stdout.write(
            f"bench-edge: lowest page/nginx ratio {lowest.ratio:.2f} ({lowest.page.name})"
        )


def cold_reads(url: str) -> list[float]:
    """Milliseconds from a committed content change (which purges the edge and gives every page
    a new version) to the page of the new version read through the edge: rendered, stored,
    served. A worker that has not yet heard of the change may answer the first read with the old
    page (content/version_listener.py); reading on until the new version comes counts that too."""
    # Here, not at the top: the module runs before Django is set up (run_command).
    from dossier_portal.content.content_version import bump_content_version, current_version

    timings = []
    for _ in range(COLD_READS):
        with transaction.atomic():
            bump_content_version()  # the purge is sent once this commits
            new_version = f'.{current_version().number}"'  # as the ETag ends
        started = time.perf_counter()
        while True:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
                response.read()
            if response.headers["ETag"].endswith(new_version):
                break
        timings.append((time.perf_counter() - started) * 1000)
        if response.headers["X-Cache"] != "MISS":
            raise CommandError(f"{url}: {response.headers['X-Cache']} after a purge")
    return timings


if __name__ == "__main__":
    from dossier_portal.devtools import run_command

    run_command(Command, "bench_edge")
