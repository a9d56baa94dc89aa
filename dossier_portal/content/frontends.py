"""Purging the shared caches in front of the portal (Varnish, a CDN's purge endpoint) once a
content change commits, so that they may keep pages for a day and still never serve one that
was corrected, unpublished or deleted.

Every change raises the site-wide content version, which changes every page (its ETag, and the
lists and "mentioned in" links that any record appears in), so a purge is one request per
frontend: `BAN <frontend URL>` with the new version in `X-Content-Version`; the frontend drops
every page stored under another version (deploy/varnish.vcl). A CDN is configured the same way:
its URL here, behind a small endpoint that answers that request with the CDN's "purge
everything" call (see the README).

Each purge is sent twice: at once, and again REPEAT_AFTER_SECONDS later. A worker that has not
yet heard of the change (content/version_listener.py) may hand a frontend a page of the old
version after the first ban, and a ban drops only what is stored when it arrives: such a page
would stay a day. Workers stop trusting a copy of the version after LATE_WORKER_SECONDS, so by
the repeat every worker serves the new version and the repeat drops what a late one gave.
"""

from __future__ import annotations

import logging
import threading
import urllib.request

from django.conf import settings

from dossier_portal.content.after_commit import Collecting, after_commit

logger = logging.getLogger(__name__)

# An editor's save waits for the purge: long enough for a busy frontend, short enough for a
# dead one not to hang the admin.
PURGE_TIMEOUT_SECONDS = 2
# How long after a change commits a worker may still serve pages of the version before it
# (version_listener.py trusts its copy no longer), and then a margin for such a page to reach
# the frontend, after which the purge is repeated.
LATE_WORKER_SECONDS = 0.5
REPEAT_AFTER_SECONDS = LATE_WORKER_SECONDS + 0.25


def purge_when_committed(version: int, using: str = "default") -> None:
    """Purge every frontend of all but `version` once the current transaction commits (at once
    outside one), and only once however many records it changed; never if it rolls back."""
    if not settings.PURGE_FRONTENDS:
        return
    after_commit(_PurgeAfterCommit, version, using)


class _PurgeAfterCommit(Collecting):
    version: int

    def add(self, version: int) -> None:
        self.version = version  # the transaction's last raise is what it commits

    def run(self):
        frontends = list(settings.PURGE_FRONTENDS)
        purge_frontends(self.version, frontends)
        # Not a daemon: a process that exits meanwhile (manage.py content_changed, a worker's
        # graceful restart) waits for the repeat rather than dropping it.
        threading.Timer(REPEAT_AFTER_SECONDS, purge_frontends, [self.version, frontends]).start()


def purge_frontends(version: int, frontends: list[str]) -> None:
    """A failed purge is logged, never raised: the change is committed and the editor's save
    stands; the page stays stale at that frontend until its next purge or SHARED_CACHE_SECONDS."""
    for url in frontends:
        request = urllib.request.Request(  # noqa: S310 (the operator's own URLs)
            url, method="BAN", headers={"X-Content-Version": str(version)}
        )
        try:
            urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS).close()  # noqa: S310
        except OSError as error:
            logger.error("purge of %s failed: %s", url, error)
