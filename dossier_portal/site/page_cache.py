"""Public pages kept in Django's cache, with the validators browsers and shared caches use.

An anonymous GET or HEAD (no cookie, no credentials, outside the admin) is answered from the
cache (settings.CACHES) under a key made of the release, the site-wide content version
(content/content_version.py, as this worker's listener knows it: content/version_listener.py),
the scheme, the host, the path and the query parameters the page
reads (PAGE_PARAMETERS). The view sees only those parameters too, so an unknown parameter can
neither make a page differ nor create an entry. A content change raises the version, which
changes every key: nothing is ever deleted, old versions' pages age out of the cache.

ETag and Last-Modified come from the version and the release, so a page has a new ETag whenever
its content or its code may have changed; Django's ConditionalGetMiddleware (just outside this
one) turns a matching conditional GET into a 304.

Never stored: responses that are not a plain 200, set cookies, vary on anything but Cookie,
already say how to cache themselves (never_cache), or carry a CSP nonce (a nonce must never be
served twice). A stored page was rendered for a request without cookies and is served only to
requests without cookies, so Vary: Cookie holds.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.middleware.csp import get_nonce
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from dossier_portal.content.content_version import Version
from dossier_portal.content.version_listener import version_for_request
from dossier_portal.site.middleware import is_admin_path

# The query parameters each public page reads, by URL name; every other page reads none.
PAGE_PARAMETERS = {
    "search": ("q", "type", "page"),
    "timeline:index": ("kind", "body", "status", "page"),
    "timeline:by-reference": ("ref",),
    "articles:index": ("page",),
    "organisations:index": ("page",),
    **{
        f"api:{name}-collection": ("page",)
        for name in ("measures", "articles", "organisations", "people")
    },
}
# Browsers revalidate every time (a cheap 304), so an editor's change shows at once; shared
# caches keep a page settings.SHARED_CACHE_SECONDS, and may serve it stale a little longer
# while they revalidate.
STALE_WHILE_REVALIDATE = 300


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            return mark_private_if_session(request, self.get_response(request))
        try:
            version = version_for_request()
        except DatabaseError:
            # Whatever answers when the database is down (health check, 503 page) answers here.
            return self.get_response(request)
        keep_only_read_parameters(request)
        key = page_key(request, version)
        if (page := cache.get(key)) is not None:
            return response_of(page)
        response = self.get_response(request)
        if not is_cacheable_response(request, response):
            return response
        add_validators(response, version)
        if version_for_request() != version:
            # Content changed while the page was rendered: it may mix both versions. This
            # reader gets it, no cache keeps it (a frontend's purge may already have passed).
            patch_cache_control(response, no_store=True)
            return response
        cache.set(key, page_of(response))
        return response


def is_anonymous_read(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.COOKIES
        and "authorization" not in request.headers
        and not is_admin_path(request.path_info)
    )


def mark_private_if_session(request, response):
    """A page an editor sees (drafts, banners) must stay out of shared caches."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def keep_only_read_parameters(request) -> None:
    """Reduce the query to the parameters this page reads, in a fixed order, for the view and
    for the cache key alike."""
    try:
        names = PAGE_PARAMETERS.get(resolve(request.path_info).view_name, ())
    except Resolver404:
        names = ()
    query = QueryDict(mutable=True)
    for name in names:
        if values := request.GET.getlist(name):
            query.setlist(name, values)
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def page_key(request, version: Version) -> str:
    # Pages hold absolute URLs (canonical links, feeds), so scheme and host are part of a page.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{settings.RELEASE}:{version.number}:{digest}"


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


def add_validators(response, version: Version) -> None:
    """A weak ETag (the page is the same, not its bytes: compression may differ on the way)."""
    response.headers["ETag"] = f'W/"{settings.RELEASE}.{version.number}"'
    release_started_at = datetime.datetime.fromtimestamp(settings.RELEASE_STARTED_AT, datetime.UTC)
    response.headers["Last-Modified"] = http_date(
        max(version.changed_at, release_started_at).timestamp()
    )
    # Lets a frontend drop every page of other versions at once (content/frontends.py).
    response.headers["X-Content-Version"] = str(version.number)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.SHARED_CACHE_SECONDS,
        stale_while_revalidate=STALE_WHILE_REVALIDATE,
    )


def page_of(response) -> tuple[tuple[tuple[str, str], ...], bytes]:
    return tuple(response.headers.items()), response.content


def response_of(page) -> HttpResponse:
    headers, content = page
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    return response
