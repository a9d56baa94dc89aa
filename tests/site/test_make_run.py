"""`make run` in a terminal, as a newcomer runs it: the pages readers see (the designed 404 and,
with the database down, the 503; Django's debug pages only with `make dev`), and Ctrl-C ends it
quietly with exit 0. The runs share an embedded cluster of their own, in a temporary folder: the
first makes and migrates it, as on a newcomer's first `make run`, and the second finds it made."""

import os
import pty
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dossier_portal.devtools import embedded_pg
from dossier_portal.devtools.benchmark.load import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
# What `make test` sets for the tests; `make run` must decide these itself.
TEST_ONLY = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "EMBEDDED_PG_DIR"}
STARTUP_SECONDS = 240  # a fresh cluster, migrations and the dossier, on a busy machine

# One at a time: each run collects static files into the checkout and may make its
# .dev-secret-key, which a second run at the same moment would race for.
pytestmark = pytest.mark.xdist_group("make-run")


class Terminal:
    """A command on a pseudo-terminal of its own, so that Ctrl-C is a real one. A thread reads
    everything it prints as it comes: a terminal nobody reads fills up and blocks the server."""

    def __init__(self, args: list[str], env: dict[str, str]):
        self.output = b""
        self.exit_code = None
        self.fd, terminal = pty.openpty()
        # setsid: a session of its own with the terminal as its controlling one, as pty.fork()
        # would give, without forking this multi-threaded process (which may deadlock the
        # child). env: as in a person's terminal, Ctrl-C's signal does its default, which a test
        # runner started in the background ignores, and an ignored signal stays so across exec.
        self.process = subprocess.Popen(
            ["setsid", "--ctty", "env", "--default-signal=INT", *args],
            stdin=terminal, stdout=terminal, stderr=terminal, cwd=PROJECT_DIR, env=env,
        )  # fmt: skip
        os.close(terminal)  # the command's alone: the terminal closes when the command ends
        self.printed = threading.Condition()
        threading.Thread(target=self._read_all, daemon=True).start()

    def _read_all(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 4096)
            except OSError:  # the command ended and the terminal closed
                data = b""
            with self.printed:
                self.output += data
                self.printed.notify_all()
            if not data:
                return

    def read_until(self, text: str, seconds: float) -> None:
        with self.printed:
            found = self.printed.wait_for(lambda: text.encode() in self.output, seconds)
        if not found:
            pytest.fail(f"no {text!r} in:\n{self.said()}")

    def said(self) -> str:
        return self.output.decode(errors="replace")

    def ctrl_c(self, seconds: float = 60) -> int:
        """Press Ctrl-C and wait for the command to end; its exit code."""
        os.write(self.fd, b"\x03")
        try:
            self.exit_code = self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            pytest.fail(f"still running {seconds} s after Ctrl-C:\n{self.said()}")
        return self.exit_code


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def cluster():
    """A cluster folder of the module's own (one the server user can reach), removed after."""
    cluster = embedded_pg.scratch_cluster(prefix="make-run-")
    yield cluster
    cluster.destroy()


@pytest.fixture
def make_run(cluster):
    """Start `make <target>` on the cluster; gives the site's address and the terminal."""
    started = []

    def start(target: str) -> tuple[str, Terminal]:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
        env |= {"EMBEDDED_PG_DIR": str(cluster.base_dir), "PORT": str(port)}
        terminal = Terminal(["make", "--no-print-directory", target], env)
        started.append(terminal)
        terminal.read_until("Quit the server", STARTUP_SECONDS)
        return f"http://127.0.0.1:{port}", terminal

    yield start
    for terminal in started:
        if terminal.exit_code is None:
            terminal.ctrl_c()


def test_make_run_shows_readers_pages_and_ctrl_c_ends_it_quietly(make_run, cluster):
    site, terminal = make_run("run")
    status, html = get(site + "/no-such-page/")
    assert status == 404
    assert "<h1>Page not found</h1>" in html
    assert "URLconf" not in html  # not Django's technical page with the URL list

    cluster.stop()  # a database outage
    status, html = get(site + "/search/?q=outage")
    assert status == 503
    assert "<h1>The dossier is temporarily unavailable</h1>" in html
    assert "Traceback" not in html

    assert terminal.ctrl_c() == 0
    assert "make: ***" not in terminal.said()  # make reports no error and no interrupt


def test_make_dev_shows_django_s_debug_pages(make_run):
    site, terminal = make_run("dev")
    status, html = get(site + "/no-such-page/")
    assert status == 404
    assert "URLconf" in html
    assert terminal.ctrl_c() == 0
