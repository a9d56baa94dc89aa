"""Backups of the whole database (content, editors' history, users) with pg_dump, and restores
with pg_restore, both from the same PostgreSQL binaries as the embedded cluster.

The database is the one the portal uses: DATABASE_URL when set, else the embedded cluster.
Backups are pg_dump's custom format, in backups/ (git-ignored), readable by their owner only:
they hold password hashes.

Command line (used by the Makefile):
    python -m dossier_portal.backups create           # writes backups/dossier-<UTC time>.dump
    python -m dossier_portal.backups restore [FILE]   # FILE, or the newest backup
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import dj_database_url

from dossier_portal import embedded_pg

BACKUP_DIR = embedded_pg.PROJECT_DIR / "backups"


class BackupError(RuntimeError):
    """A failed dump or restore, with pg_dump's or pg_restore's own words."""


def database_from_environment() -> dict:
    """The database settings.py connects to, without needing the rest of the settings."""
    return dj_database_url.parse(os.environ.get("DATABASE_URL") or embedded_pg.database_url())


def create(database: dict, path: Path | None = None) -> Path:
    """Dump `database` (a Django DATABASES entry) to `path`, by default a new file in backups/."""
    if path is None:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        path = BACKUP_DIR / f"dossier-{stamp}.dump"
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _run("pg_dump", database, "--format=custom", f"--file={path}")
    path.chmod(0o600)
    return path


def restore(database: dict, path: Path) -> None:
    """Replace everything in `database` with the backup at `path`, all or nothing."""
    if not path.is_file():
        raise BackupError(f"No backup at {path}")
    _run(
        "pg_restore", database,
        "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
        str(path),
    )  # fmt: skip


def newest_backup() -> Path:
    backups = sorted(BACKUP_DIR.glob("*.dump"), key=lambda path: path.stat().st_mtime)
    if not backups:
        raise BackupError(f"No backups in {BACKUP_DIR}: make one with `make backup`")
    return backups[-1]


def _run(program: str, database: dict, *args: str) -> None:
    connection = [f"--dbname={database['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            connection.append(f"{option}={database[key]}")
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    command = [str(embedded_pg.binaries_dir() / program), *connection, *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"create", "restore"}:
        print(__doc__)
        return 2
    database = database_from_environment()
    try:
        if argv[0] == "create":
            print(f"backups: wrote {create(database)}")
        else:
            path = Path(argv[1]) if len(argv) > 1 else newest_backup()
            restore(database, path)
            print(f"backups: restored {path}")
    except BackupError as error:
        print(f"backups: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
