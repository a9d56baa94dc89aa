"""Site-wide views: the home page, the health check and the error pages that need code."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.context_processors import csp
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# The errors that mean "the database cannot be reached", as opposed to a bug in a query.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# How long a reader (or a crawler) should wait before trying again, in seconds.
RETRY_AFTER_SECONDS = 30


@require_safe
def home(request):
    return render(request, "home.html")


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not; never a traceback."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """handler500: Django calls it while handling the uncaught exception, from any layer
    (view, template or middleware), so sys.exc_info() tells an outage from a bug."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return defaults.server_error(request)


def service_unavailable(request):
    """503 with a friendly page. Rendered without context processors: they may query the
    database that is down. Never cached, so the page goes away when the database returns."""
    html = loader.render_to_string("503.html", csp(request))
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
