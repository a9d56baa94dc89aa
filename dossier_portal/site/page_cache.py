"""Public pages served from memory, with HTTP validators a browser and a CDN can use.

Anonymous GET and HEAD requests are answered from a per-process cache of rendered pages keyed by
scheme, host, path and query, valid for one site-wide content version (content_version.py).
ETag and Last-Modified come from that version and from this release's code, so a conditional
GET is answered 304 before any view runs.

How a worker knows the version: see version_listener.py (a Postgres notification on every
commit keeps each worker's copy current, so a cached page costs no database round trip, and an
editor's change is visible at once with any number of workers on any number of hosts).

Never cached: requests carrying cookies or credentials (editors, and anyone with a session),
the admin, and responses that are not a plain 200, set cookies, vary on anything but Cookie,
already say how to cache themselves (never_cache), or carry a CSP nonce (a nonce must never be
served twice). A stored page was rendered for a request without cookies and is served only to
requests without cookies, so Vary: Cookie holds.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csp import get_nonce
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from dossier_portal.content.content_version import Version
from dossier_portal.site.version_listener import version_for_request

# Browsers revalidate every time (a cheap 304), so an editor's change shows at once; shared
# caches may keep a page a minute, and serve it stale a little longer while they revalidate.
SHARED_MAX_AGE = 60
STALE_WHILE_REVALIDATE = 300
# Per worker. Only the current version's pages are kept, so this bounds one version's pages.
MAX_CACHED_BYTES = 32 * 1024 * 1024


class Release(NamedTuple):
    """What pages are made of besides content: templates, code and the static files' names."""

    digest: str
    modified_at: datetime.datetime

    @classmethod
    def of_this_deploy(cls) -> Release:
        files = sorted(_release_files())
        digest = hashlib.sha256()
        for path in files:
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
        newest = max((path.stat().st_mtime for path in files), default=0)
        return cls(digest.hexdigest()[:12], datetime.datetime.fromtimestamp(newest, datetime.UTC))


def _release_files() -> list[Path]:
    base_dir = Path(settings.BASE_DIR).resolve()
    roots = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    roots += [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base_dir)
    ]
    files = [
        path
        for root in roots
        for path in root.rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".xml"} and path.is_file()
    ]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    return [*files, manifest] if manifest.exists() else files


class CachedPage(NamedTuple):
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


class PageStore:
    """The pages of one content version, least recently used dropped first past a byte budget."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._pages: OrderedDict[str, CachedPage] = OrderedDict()
        self._bytes = 0
        self._version: Version | None = None

    def get(self, version: Version, key: str) -> CachedPage | None:
        with self._lock:
            if version != self._version:
                self._start_version(version)
                return None
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, version: Version, key: str, page: CachedPage) -> None:
        if len(page.content) > self.max_bytes:
            return
        with self._lock:
            if version != self._version:
                self._start_version(version)
            if (previous := self._pages.pop(key, None)) is not None:
                self._bytes -= len(previous.content)
            self._pages[key] = page
            self._bytes += len(page.content)
            while self._bytes > self.max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.content)

    def _start_version(self, version: Version) -> None:
        self._pages.clear()
        self._bytes = 0
        self._version = version


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.release = Release.of_this_deploy()
        self.store = PageStore(MAX_CACHED_BYTES)
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.mark_private_if_session(request, self.get_response(request))
        try:
            version = version_for_request()
        except DatabaseError:
            # Whatever answers when the database is down (health check, 503 page) answers here.
            return self.get_response(request)
        etag, last_modified = self.validators(version)
        if is_fresh(request, etag, last_modified):
            return not_modified(etag, last_modified)
        # Pages hold absolute URLs (canonical links, feeds), so scheme and host are part of a page.
        key = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        if (page := self.store.get(version, key)) is not None:
            return page.response()
        response = self.get_response(request)
        if not is_cacheable_response(request, response):
            return response
        add_validators(response, etag, last_modified)
        self.store.put(version, key, page_of(response))
        return response

    def is_cacheable_request(self, request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.COOKIES
            and "authorization" not in request.headers
            and not request.path.startswith(self.admin_prefix)
        )

    def validators(self, version: Version) -> tuple[str, datetime.datetime]:
        etag = f'W/"{version.number}-{self.release.digest}"'
        return etag, max(version.changed_at, self.release.modified_at)

    @staticmethod
    def mark_private_if_session(request, response):
        """A page an editor sees (drafts, banners) must stay out of shared caches."""
        if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response


def is_fresh(request, etag: str, last_modified: datetime.datetime) -> bool:
    """RFC 9110 section 13.2.2: If-None-Match, when sent, decides; else If-Modified-Since.
    `*` is never taken as a match here: nothing is known of the page before it is rendered."""
    if (if_none_match := request.headers.get("If-None-Match")) is not None:
        return _weak_tag(etag) in {_weak_tag(tag) for tag in parse_etags(if_none_match)}
    if_modified_since = parse_http_date_safe(request.headers.get("If-Modified-Since"))
    return if_modified_since is not None and int(last_modified.timestamp()) <= if_modified_since


def _weak_tag(etag: str) -> str:
    return etag.removeprefix("W/")


def is_cacheable_response(request, response) -> bool:
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cache-Control" not in response
        and vary <= {"cookie"}
        and not get_nonce(request)
    )


def add_validators(response, etag: str, last_modified: datetime.datetime) -> None:
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=SHARED_MAX_AGE,
        stale_while_revalidate=STALE_WHILE_REVALIDATE,
    )


def page_of(response) -> CachedPage:
    return CachedPage(response.status_code, tuple(response.headers.items()), response.content)


def not_modified(etag: str, last_modified: datetime.datetime) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    add_validators(response, etag, last_modified)
    return response
