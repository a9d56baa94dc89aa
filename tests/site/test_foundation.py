"""The foundation: how settings resolve, the embedded Postgres's lifecycle, the health check,
and the production configuration."""

import json
import os
import pwd
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from dossier_portal.devtools import embedded_pg, prepare_portal

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x7Kq2-production-like-secret-key-for-tests-9fJ3mZp0Lw8vB1nR6tY4uE5cA",
    "ALLOWED_HOSTS": "dossier.example.org",
}


def run_manage(*args: str, env: dict[str, str], drop: tuple[str, ...] = ()):
    """Run manage.py in a fresh interpreter, so settings are read from `env` anew."""
    test_only = {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in {*test_only, *drop}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def resolved_database(env: dict[str, str], drop: tuple[str, ...] = ()) -> dict:
    result = run_manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))",
        env={**PRODUCTION_ENV, **env},
        drop=drop,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- settings ----------------------------------------------------------------------------------


def test_database_url_wins_over_the_embedded_database():
    url = "postgres://reader:pw@db.example.org:6543/portal"
    database = resolved_database({"DATABASE_URL": url})
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.example.org",
        6543,
        "portal",
    )
    assert database["CONN_MAX_AGE"] > 0, "production keeps connections open"


def test_without_database_url_the_embedded_cluster_is_used(tmp_path):
    database = resolved_database({"EMBEDDED_PG_DIR": str(tmp_path)}, drop=("DATABASE_URL",))
    assert database["HOST"] == str(tmp_path / "run")
    assert database["NAME"] == embedded_pg.DEFAULT_DB_NAME
    assert database["ENGINE"] == "django.db.backends.postgresql"


def test_refuses_to_start_without_a_real_secret_key_when_debug_is_off():
    for secret in ("", "short", "django-insecure-" + "x" * 60):
        result = run_manage("check", env={"SECRET_KEY": secret})
        assert result.returncode == 1
        message = result.stderr.strip()
        assert message.startswith("Refusing to start: set SECRET_KEY"), message
        assert len(message.splitlines()) == 1, "one line, no traceback"


def test_debug_mode_starts_without_a_secret_key():
    result = run_manage("check", env={"DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_silent_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_forwarded_scheme_is_trusted_only_when_configured():
    script = (
        "from django.conf import settings; "
        "print(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    untrusted = run_manage("shell", "-c", script, env=PRODUCTION_ENV)
    trusted = run_manage("shell", "-c", script, env={**PRODUCTION_ENV, "SECURE_PROXY_SSL": "true"})
    assert untrusted.stdout.strip().endswith("None")
    assert "HTTP_X_FORWARDED_PROTO" in trusted.stdout


# -- the embedded Postgres ---------------------------------------------------------------------


@pytest.fixture
def cluster():
    cluster = embedded_pg.scratch_cluster(prefix="lifecycle-")
    yield cluster
    cluster.destroy()


def test_starting_twice_is_harmless(cluster):
    cluster.start()
    pid = cluster.pid_file.read_text().splitlines()[0]
    cluster.start()
    assert cluster.is_running()
    assert cluster.pid_file.read_text().splitlines()[0] == pid, "the same server goes on"


def test_a_stale_pid_file_after_a_crash_is_recovered(cluster):
    cluster.start()
    pid = int(cluster.pid_file.read_text().splitlines()[0])
    os.kill(pid, signal.SIGKILL)
    _wait_for_exit(pid)
    assert cluster.pid_file.exists(), "a crash leaves the pid file behind"
    cluster.start()
    assert cluster.is_running()
    new_pid = int(cluster.pid_file.read_text().splitlines()[0])
    assert new_pid != pid


def test_a_failed_start_says_why(cluster):
    cluster.start()
    cluster.stop()
    (cluster.data_dir / "postgresql.conf").write_text("shared_buffers = 'not a size'\n")
    with pytest.raises(embedded_pg.EmbeddedPostgresError, match="did not start"):
        cluster.start()


def test_stopping_a_stopped_cluster_is_harmless(cluster):
    cluster.start()
    cluster.stop()
    cluster.stop()
    assert not cluster.is_running()


def test_a_taken_web_port_gives_a_clear_message():
    with socket.socket() as occupant:
        occupant.bind(("127.0.0.1", 0))
        occupant.listen()
        port = occupant.getsockname()[1]
        with pytest.raises(CommandError, match=f"Port {port} is already in use.*PORT={port + 1}"):
            call_command(prepare_portal.Command(), port=port)


def test_reachable_by_follows_folder_permissions(tmp_path):
    nobody = pwd.getpwnam("nobody")
    closed = tmp_path / "closed"
    (closed / "inside").mkdir(parents=True)
    closed.chmod(0o700)
    tmp_path.chmod(0o755)
    assert not embedded_pg.reachable_by(nobody, closed / "inside")
    closed.chmod(0o755)
    assert embedded_pg.reachable_by(nobody, closed / "inside") == embedded_pg.reachable_by(
        nobody, tmp_path
    )


def _wait_for_exit(pid: int) -> None:
    for _ in range(100):
        if not embedded_pg._process_exists(pid):
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} did not exit")


# -- /healthz ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def test_cluster():
    """The cluster `make test` made for this run (skip when the tests use DATABASE_URL)."""
    folder = os.environ.get("EMBEDDED_PG_DIR")
    if not folder:
        pytest.skip("needs the throwaway embedded cluster of `make test`")
    return embedded_pg.Cluster(Path(folder))


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_without_a_traceback_when_the_database_is_down(client, test_cluster):
    test_cluster.stop()
    try:
        connections.close_all()
        response = client.get("/healthz")
    finally:
        test_cluster.start()
        connections.close_all()
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert b"Traceback" not in response.content
    assert client.get("/healthz").status_code == 200, "recovers when the database is back"
