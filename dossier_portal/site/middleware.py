"""Site-wide guards that Django has no setting for: the Permissions-Policy header and a
read-only public surface."""

from django.conf import settings
from django.http import HttpResponseNotAllowed

# Readers only read: everything outside the admin answers these methods and nothing else.
READ_METHODS = ("GET", "HEAD")


class PermissionsPolicyMiddleware:
    """Switch off browser features the portal never uses (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ReadOnlyPublicSiteMiddleware:
    """Answer 405 to any method but GET and HEAD outside the admin, before sessions, CSRF or a
    view spend anything on the request. The admin (settings.ADMIN_PATH) stays writable; it has
    its own login and CSRF protection."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READ_METHODS and not is_admin_path(request.path_info):
            return HttpResponseNotAllowed(READ_METHODS)
        return self.get_response(request)


def is_admin_path(path: str) -> bool:
    return path.startswith(f"/{settings.ADMIN_PATH}")
