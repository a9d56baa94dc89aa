"""nginx (Debian's nginx-light) serving files from a folder: the machine's real limit for
serving those bytes, which `make bench-edge` compares the edge with."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from dossier_portal.devtools.benchmark.load import free_port
from dossier_portal.devtools.edge import wait_for_answer

CONFIG = """daemon off;
worker_processes auto;
pid {home}/nginx.pid;
error_log {home}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {home}/tmp;
    proxy_temp_path {home}/tmp;
    fastcgi_temp_path {home}/tmp;
    uwsgi_temp_path {home}/tmp;
    scgi_temp_path {home}/tmp;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {home}/files;
    }}
}}
"""


@contextmanager
def nginx(files: dict[str, bytes]):
    """Yields the base URL of an nginx serving `files` (name → bytes) from its root."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("make bench-edge needs nginx: apt-get install -y nginx-light")
    home = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    home.chmod(0o755)  # nginx's workers run unprivileged when started as root
    (home / "tmp").mkdir()
    (home / "files").mkdir(mode=0o755)
    for name, content in files.items():
        (home / "files" / name).write_bytes(content)
        (home / "files" / name).chmod(0o644)
    port = free_port()
    (home / "nginx.conf").write_text(CONFIG.format(home=home, port=port))
    command = [
        binary,
        "-c",
        str(home / "nginx.conf"),
        "-p",
        str(home),
        "-e",
        str(home / "error.log"),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        first = next(iter(files))
        wait_for_answer(f"{base_url}/{first}", process, home / "error.log")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)
