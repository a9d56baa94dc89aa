"""Varnish (Debian's varnishd) in front of gunicorn, with the VCL kept in deploy/: `make
serve-edge`, the edge tests and `make bench-edge` start it from here.

    python -m dossier_portal.devtools.edge serve [--port 6081] [--app-port 8000]

serve runs the production gunicorn on the app port and Varnish on the edge port until Ctrl-C;
the application purges that Varnish after every content change (PURGE_FRONTENDS).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parents[2] / "deploy"
VCL = DEPLOY_DIR / "varnish.vcl"
# The probe asks each application server's health check this often; two failures in a row out
# of three take it out of the rotation, and two good answers bring it back.
PROBE = """probe healthz {{
    .request = "GET /healthz HTTP/1.1" "Host: {host}" "Connection: close";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}}
"""


def varnishd() -> str:
    found = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(found).exists():
        raise RuntimeError("the edge needs Debian's varnish: apt-get install -y varnish")
    return found


def backends_vcl(app_servers: list[str], probe_host: str = "127.0.0.1") -> str:
    """deploy/varnish.vcl's include: one backend per "host:port", probed, in the director."""
    lines = [PROBE.format(host=probe_host)]
    for number, server in enumerate(app_servers, start=1):
        host, port = server.rsplit(":", 1)
        lines.append(
            f'backend app_{number} {{ .host = "{host}"; .port = "{port}"; .probe = healthz;'
            " .connect_timeout = 1s; }"
        )
    adds = "".join(
        f"    app_servers.add_backend(app_{n});\n" for n in range(1, len(app_servers) + 1)
    )
    lines.append(f"sub vcl_init {{\n{adds}}}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Varnish:
    url: str
    workdir: Path

    def sick_backends(self) -> int:
        """How many application servers the health probe has taken out."""
        listing = subprocess.run(
            [shutil.which("varnishadm") or "varnishadm", "-n", str(self.workdir), "backend.list"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return sum(" sick " in f" {line} " for line in listing.splitlines())


@contextmanager
def varnish(app_servers: list[str], port: int, memory: str = "256m"):
    """Yields a varnishd on `port` in front of `app_servers` ("host:port"), stopped after."""
    workdir = Path(tempfile.mkdtemp(prefix="varnish-"))
    # varnishd's worker runs as an unprivileged user when started as root: it reads the VCL
    # from here and keeps its files here.
    workdir.chmod(0o755)
    (workdir / "backends.vcl").write_text(backends_vcl(app_servers))
    command = [
        varnishd(), "-F", "-n", str(workdir), "-a", f"127.0.0.1:{port}", "-f", str(VCL),
        "-p", f"vcl_path={workdir}:{DEPLOY_DIR}", "-s", f"malloc,{memory}",
    ]  # fmt: skip
    log = (workdir / "varnishd.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for_answer(base_url + "/healthz", process, workdir / "varnishd.log")
        yield Varnish(base_url, workdir)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def wait_for_answer(url: str, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout}s:\n{log.read_text()[-2000:]}")


def serve(edge_port: int, app_port: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dossier_portal.settings")
    import django

    django.setup()  # gunicorn's launcher reads the settings
    from dossier_portal.devtools.benchmark.load import gunicorn

    database_url = os.environ["DATABASE_URL"]
    edge = f"http://127.0.0.1:{edge_port}/"
    with ExitStack() as running:
        app = running.enter_context(
            gunicorn(database_url, port=app_port, environment={"PURGE_FRONTENDS": edge})
        )
        running.enter_context(varnish([app.removeprefix("http://")], edge_port))
        print(f"edge: Varnish on {edge} in front of gunicorn on {app}/ (Ctrl-C stops both)")
        try:
            while True:
                signal.pause()
        except KeyboardInterrupt:
            pass  # leaving the ExitStack stops Varnish, then gunicorn


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m dossier_portal.devtools.edge")
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("--port", type=int, default=6081, help="Varnish's port")
    parser.add_argument("--app-port", type=int, default=8000, help="gunicorn's port")
    options = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as Ctrl-C does
    serve(options.port, options.app_port)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
