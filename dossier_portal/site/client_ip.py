"""The address a request comes from, for the admin's login throttling (django-axes)."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind a trusted TLS proxy (SECURE_PROXY_SSL) the address that proxy
    appended to X-Forwarded-For. Otherwise every visitor would share the proxy's address, and
    five bad guesses would lock an editor's username out for everyone. Only the right-most
    entry is the proxy's own word; anything left of it was sent by the client and may be forged.
    """
    if settings.TRUST_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")
