"""This process's copy of the committed content version, so that serving a cached page needs no
database round trip.

Why: on this kind of machine a round trip to Postgres costs about as much as serving a whole
static file (the server process has to be scheduled), so a version read per request would cap
cached pages at roughly half the static file's throughput. Instead every change NOTIFYs (see
bump_content_version); Postgres delivers a notification only when the change's transaction
commits, to every listening process on every host, so each worker's copy follows the database
within milliseconds of a commit. A thread per worker waits on a connection of its own.

Whenever the copy might be wrong, requests read the version themselves: before the listener's
first read, while it reconnects after losing its connection, and inside a transaction (which
sees its own uncommitted changes, as tests do).
"""

from __future__ import annotations

import logging
import os
import threading

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from dossier_portal.content.content_version import (
    CHANNEL,
    Version,
    current_version,
    notify_listeners,
    read_version,
)

logger = logging.getLogger(__name__)

# The copy is also re-read this often, in case the row is replaced without a notification
# (a database flush, a restore).
RECHECK_SECONDS = 5
RETRY_SECONDS = 1


class VersionListener:
    def __init__(self):
        self._version: Version | None = None
        self._pid: int | None = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def version(self) -> Version | None:
        """The last committed version, or None when it cannot be vouched for."""
        if self._pid != os.getpid():  # first use, or a fork (gunicorn --preload) left the thread
            self._start()
        return self._version

    def stop(self) -> None:
        """Close the listening connection (tests: a test database cannot be dropped in use)."""
        self._stopped.set()
        notify_listeners(DEFAULT_DB_ALIAS)  # wakes the thread now rather than at its next recheck
        if self._thread is not None:
            self._thread.join()
        self._pid = self._thread = self._version = None

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self._version = os.getpid(), None
            self._stopped.clear()
            self._thread = threading.Thread(
                target=self._listen_forever, name="version-listener", daemon=True
            )
            self._thread.start()

    def _listen_forever(self) -> None:
        while not self._stopped.is_set():
            try:
                self._listen()
            except Exception:
                logger.warning("content version listener lost its connection", exc_info=True)
            self._version = None
            self._stopped.wait(RETRY_SECONDS)

    def _listen(self) -> None:
        database = connections.create_connection(DEFAULT_DB_ALIAS)
        database.connect()
        try:
            listening = database.connection
            listening.execute(f"LISTEN {CHANNEL}")
            while not self._stopped.is_set():
                # LISTEN first, then read: a change committed in between is read or notified.
                self._version = read_version(listening)
                for _ in listening.notifies(timeout=RECHECK_SECONDS, stop_after=1):
                    pass
        finally:
            database.close()


listener = VersionListener()


def version_for_request() -> Version:
    listening = settings.CONTENT_VERSION_LISTENER and not connection.in_atomic_block
    if listening and (version := listener.version()) is not None:
        return version
    return current_version()
