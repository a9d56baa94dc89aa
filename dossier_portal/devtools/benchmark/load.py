"""Load generation: gunicorn as production runs it, and Debian's wrk against it."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

WRK = "wrk"
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(port: int, database_url: str) -> dict[str, str]:
    """Production settings, except plain HTTP on the loopback (no TLS proxy in front here)."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DATABASE_URL": database_url,
    }


@contextmanager
def gunicorn(
    database_url: str,
    port: int | None = None,
    environment: dict | None = None,
    log_file: Path | None = None,
):
    """Yields the base URL of a gunicorn started with the project's gunicorn_conf.py, on `port`
    (a free one by default), with `environment` added to production's. Its log goes to
    `log_file`, kept after it stops (the edge tests keep it to explain a failure); without one,
    to a temporary file removed when it stops."""
    with gunicorn_process(database_url, port, environment, log_file) as (base_url, _):
        yield base_url


@contextmanager
def gunicorn_process(
    database_url: str,
    port: int | None,
    environment: dict | None,
    log_file: Path | None = None,
):
    """The same, with the server's process (the edge tests stop one as a failure would)."""
    port = port or free_port()
    keep_log = log_file is not None
    if log_file is None:
        with tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False) as f:
            log_file = Path(f.name)
    log = log_file.open("w")
    command = [
        sys.executable, "-m", "gunicorn", "dossier_portal.wsgi",
        "--config", "python:dossier_portal.gunicorn_conf",
    ]  # fmt: skip
    server = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env={**production_environment(port, database_url), **(environment or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url + "/healthz", server, log_file)
        yield base_url, server
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        if not keep_log:
            log_file.unlink(missing_ok=True)


def wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout}s")


def require_wrk() -> str:
    """Debian's wrk; installed with apt-get when missing and we may."""
    if found := shutil.which(WRK):
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)
        if found := shutil.which(WRK):
            return found
    raise RuntimeError("make bench needs wrk: apt-get install wrk (Debian/Ubuntu)")


# wrk counts an answer slower than its default 2 s as a failed request. On a machine whose two
# cores other people's test suites share, a few answers take that long: slow, which p99 shows,
# not failed. A server that stops answering still fails the run.
WRK_TIMEOUT = "10s"


def run_wrk(url: str, seconds: int, connections: int, threads: int = 2) -> LoadResult:
    command = [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s"]
    output = subprocess.run(
        [*command, f"--timeout={WRK_TIMEOUT}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> LoadResult:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if rate is None:
        raise RuntimeError(f"wrk printed no rate:\n{output}")
    return LoadResult(
        requests_per_second=float(rate.group(1)),
        p50_ms=_percentile_ms(output, 50),
        p99_ms=_percentile_ms(output, 99),
        errors=_error_count(output),
    )


def _error_count(output: str) -> int:
    """Responses other than 2xx/3xx, plus connect, read, write and timeout errors."""
    bad_status = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:(.*)", output)
    count = int(bad_status.group(1)) if bad_status else 0
    if socket_errors:
        count += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return count


def _percentile_ms(output: str, percent: int) -> float:
    match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"wrk printed no {percent}th percentile:\n{output}")
    return float(match.group(1)) * _UNIT_MS[match.group(2)]
