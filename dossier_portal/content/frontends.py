"""Purging the shared caches in front of the portal (Varnish, a CDN's purge endpoint) once a
content change commits, so that they may keep pages for a day and still never serve one that
was corrected, unpublished or deleted.

Every change raises the site-wide content version, which changes every page (its ETag, and the
lists and "mentioned in" links that any record appears in), so a purge is one request per
frontend: `BAN <frontend URL>` with the new version in `X-Content-Version`; the frontend drops
every page stored under another version (deploy/varnish.vcl). A CDN is configured the same way:
its URL here, behind a small endpoint that answers that request with the CDN's "purge
everything" call (see the README).
"""

from __future__ import annotations

import logging
import urllib.request

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)

# An editor's save waits for the purge: long enough for a busy frontend, short enough for a
# dead one not to hang the admin.
PURGE_TIMEOUT_SECONDS = 2


def purge_when_committed(version: int, using: str = "default") -> None:
    """Purge every frontend of all but `version` once the current transaction commits (at once
    outside one), and only once however many records it changed; never if it rolls back."""
    if not settings.PURGE_FRONTENDS:
        return
    pending = connections[using].run_on_commit  # this transaction's callbacks, not yet run
    for _, callback, _ in pending:
        if isinstance(callback, _PurgeAfterCommit):
            callback.version = version  # the transaction's last raise is what it commits
            return
    transaction.on_commit(_PurgeAfterCommit(version), using=using)


class _PurgeAfterCommit:
    def __init__(self, version: int):
        self.version = version

    def __call__(self):
        purge_frontends(self.version)


def purge_frontends(version: int) -> None:
    """A failed purge is logged, never raised: the change is committed and the editor's save
    stands; the page stays stale at that frontend until its next purge or SHARED_CACHE_SECONDS."""
    for url in settings.PURGE_FRONTENDS:
        request = urllib.request.Request(  # noqa: S310 (the operator's own URLs)
            url, method="BAN", headers={"X-Content-Version": str(version)}
        )
        try:
            urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS).close()  # noqa: S310
        except OSError as error:
            logger.error("purge of %s failed: %s", url, error)
