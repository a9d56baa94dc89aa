"""This worker's copy of the committed content version, so that serving a cached page needs no
database round trip.

Why: on a small machine a round trip to Postgres costs about as much as serving a whole static
file (another process has to be scheduled), so reading the version on every request held cached
pages to about half the static file's throughput (docs/PERFORMANCE.md). Every raise of the
version NOTIFYs (content_version.bump_content_version); Postgres delivers it when the change
commits, to every listening process on every host. A thread per worker waits on a connection of
its own and reads the version again on each notification and every RECHECK_SECONDS.

The copy is vouched for only while its last read began less than TRUSTED_FOR_SECONDS ago.
Past that (the listener lost its connection, is reconnecting, or is starved of the CPU) and
inside a transaction (which sees its own uncommitted changes), requests read the version from
the database themselves. So, whatever happens to notifications, a worker serves pages of a
version older than a change for at most TRUSTED_FOR_SECONDS after the change committed, and
the purge sent after a change is repeated once that bound has passed (content/frontends.py),
which drops whatever a late worker gave a shared cache in between (README, design notes).
"""

from __future__ import annotations

import logging
import os
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from dossier_portal.content.content_version import (
    CHANNEL,
    Version,
    current_version,
    read_version,
)
from dossier_portal.content.frontends import LATE_WORKER_SECONDS

logger = logging.getLogger(__name__)

# Two rechecks may be late before requests stop trusting the copy; the repeated purge counts
# on no worker trusting it longer.
RECHECK_SECONDS = 0.2
TRUSTED_FOR_SECONDS = LATE_WORKER_SECONDS
RETRY_SECONDS = 1


class VersionListener:
    def __init__(self):
        # The version last read, and when (time.monotonic()) that read was sent.
        self._known: tuple[Version, float] | None = None
        self._pid: int | None = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def version(self) -> Version | None:
        """The committed version, or None when it cannot be vouched for."""
        if self._pid != os.getpid():  # first use, or a fork (gunicorn --preload) left the thread
            self._start()
        known = self._known
        if known is None or time.monotonic() - known[1] >= TRUSTED_FOR_SECONDS:
            return None
        return known[0]

    def stop(self) -> None:
        """Close the listening connection (tests: a test database cannot be dropped in use)."""
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()
        self._pid = self._thread = self._known = None

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self._known = os.getpid(), None
            self._stopped.clear()
            self._thread = threading.Thread(
                target=self._listen_forever, name="content-version-listener", daemon=True
            )
            self._thread.start()

    def _listen_forever(self) -> None:
        while not self._stopped.is_set():
            try:
                self._listen()
            except Exception:
                logger.warning("content version listener lost its connection", exc_info=True)
            self._known = None
            self._stopped.wait(RETRY_SECONDS)

    def _listen(self) -> None:
        database = connections.create_connection(DEFAULT_DB_ALIAS)
        database.connect()
        try:
            listening = database.connection
            listening.execute(f"LISTEN {CHANNEL}")
            while not self._stopped.is_set():
                # LISTEN first, then read: a change committed in between is read or notified.
                # The clock is read before asking, so the copy is never older than its stamp.
                asked_at = time.monotonic()
                version = read_version(listening.cursor())
                self._known = (version, asked_at) if version else None
                for _ in listening.notifies(timeout=RECHECK_SECONDS, stop_after=1):
                    pass
        finally:
            database.close()


listener = VersionListener()


def version_for_request() -> Version:
    """The listener's copy when it can vouch for it, else one read on the request's connection."""
    listening = settings.CONTENT_VERSION_LISTENER and not connection.in_atomic_block
    if listening and (version := listener.version()) is not None:
        return version
    return current_version()
