"""`make load`: 50 concurrent readers for 60 seconds against gunicorn, over the main pages.

Runs the production shape on loopback only: gunicorn with dossier_portal/gunicorn_conf.py,
DEBUG off, a fresh SECRET_KEY, the embedded Postgres (or DATABASE_URL) with the dossier
loaded, and requests marked as coming through a TLS proxy (SECURE_PROXY_SSL), as in
production. wrk (Debian's package; installed with apt-get when missing and run as root)
cycles through home, an article, the timeline, a measure, an organisation and a search.

Prints requests/s, latency and the answers by status class; exits 1 on any error or any
answer that is not 2xx/3xx. Tune with LOAD_SECONDS, LOAD_CONNECTIONS, LOAD_PORT.
"""

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "50"))
PORT = int(os.environ.get("LOAD_PORT", "8765"))
SEARCH_TERMS = "grooming online"

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_PROXY_SSL": "true",
    "HOST": "127.0.0.1",
    "PORT": str(PORT),
    "LOG_LEVEL": "WARNING",
}


def main() -> int:
    wrk = ensure_wrk()
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT"}}
    env.update(PRODUCTION_ENV)
    started_database = start_database(env)
    try:
        python(env, "-m", "dossier_portal.devtools.prepare_portal")
        paths = main_pages(env)
        print("load: pages", *paths, sep="\n  ")
        with gunicorn(env):
            summary = run_wrk(wrk, env, paths)
    finally:
        if started_database:
            python(env, "-m", "dossier_portal.devtools.embedded_pg", "stop")
    return report(summary)


def ensure_wrk() -> str:
    if found := shutil.which("wrk"):
        return found
    if os.geteuid() != 0:
        sys.exit("load: wrk is missing; install it (Debian: apt-get install -y wrk)")
    print("load: installing wrk with apt-get")
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=apt_env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=apt_env)
    return shutil.which("wrk") or sys.exit("load: wrk did not install")


def python(env: dict, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_DIR, env=env, check=True, text=True, capture_output=capture,
    )  # fmt: skip


def manage(env: dict, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return python(env, "manage.py", *args, capture=capture)


def start_database(env: dict) -> bool:
    """Start the embedded cluster unless it runs already (then leave it as it was)."""
    if env.get("DATABASE_URL"):
        return False
    status = subprocess.run(
        [sys.executable, "-m", "dossier_portal.devtools.embedded_pg", "status"],
        cwd=PROJECT_DIR, env=env, capture_output=True,
    )  # fmt: skip
    if status.returncode == 0:
        return False
    python(env, "-m", "dossier_portal.devtools.embedded_pg", "start")
    return True


def main_pages(env: dict) -> list[str]:
    """Home, the first article, the timeline, a measure, an organisation and a search."""
    script = (
        "from django.urls import reverse; from articles.models import Article; "
        "from timeline.models import Measure; from organisations.models import Organisation; "
        "print(reverse('home')); print(Article.objects.published().first().get_absolute_url()); "
        "print(reverse('timeline:index')); "
        "print(Measure.objects.published().first().get_absolute_url()); "
        "print(Organisation.objects.published().first().get_absolute_url()); "
        "print(reverse('search'))"
    )
    lines = manage(env, "shell", "-c", script, capture=True).stdout.split()
    *pages, search = lines[-6:]
    return [*pages, f"{search}?q={SEARCH_TERMS.replace(' ', '+')}"]


@contextmanager
def gunicorn(env: dict):
    """gunicorn in the background while the block runs; its log is shown if it fails to start."""
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "dossier_portal.wsgi",
             "--config", "python:dossier_portal.gunicorn_conf"],
            cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            if not answers_healthz():
                log.seek(0)
                sys.exit(f"load: gunicorn did not answer /healthz:\n{log.read()[-3000:]}")
            yield
        finally:
            server.terminate()
            server.wait(timeout=30)


def answers_healthz(timeout: float = 30) -> bool:
    # Marked as forwarded by the TLS proxy, like wrk's requests: otherwise a redirect to https.
    probe = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/healthz", headers={"X-Forwarded-Proto": "https"}
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(probe, timeout=2):  # noqa: S310 (a fixed http URL)
                return True
        except OSError:
            time.sleep(0.2)
    return False


def run_wrk(wrk: str, env: dict, paths: list[str]) -> dict[str, float]:
    threads = min(CONNECTIONS, os.cpu_count() or 2)
    command = [
        wrk, f"-t{threads}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s",
        "-s", str(PROJECT_DIR / "scripts" / "load.lua"), f"http://127.0.0.1:{PORT}",
    ]  # fmt: skip
    print(f"load: {CONNECTIONS} connections for {SECONDS} s ({threads} wrk threads)")
    result = subprocess.run(
        command, env={**env, "LOAD_PATHS": "\n".join(paths)}, capture_output=True, text=True
    )
    print(result.stdout, result.stderr, sep="")
    match = re.search(r"^LOAD_SUMMARY (.*)$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not match:
        sys.exit("load: wrk failed")
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", match[1])}


def report(s: dict[str, float]) -> int:
    seconds = s["duration_us"] / 1e6
    errors = s["connect"] + s["read"] + s["write"] + s["timeout"]
    bad = s["4xx"] + s["5xx"]
    print(
        f"load: {s['requests']:.0f} requests in {seconds:.1f} s = {s['requests'] / seconds:.0f}"
        f" requests/s\n"
        f"load: latency mean {s['mean_us'] / 1000:.1f} ms, p50 {s['p50_us'] / 1000:.1f} ms, "
        f"p90 {s['p90_us'] / 1000:.1f} ms, p99 {s['p99_us'] / 1000:.1f} ms, "
        f"max {s['max_us'] / 1000:.1f} ms\n"
        f"load: 2xx {s['2xx']:.0f}, 3xx {s['3xx']:.0f}, 4xx {s['4xx']:.0f}, 5xx {s['5xx']:.0f}; "
        f"socket errors {errors:.0f}; non-2xx/3xx {bad:.0f}"
    )
    return 1 if errors or bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as failure:
        sys.exit(f"load: {' '.join(map(str, failure.cmd))} failed (its output is above)")
