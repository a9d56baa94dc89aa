"""Who a login attempt comes from, for the admin's login throttling (django-axes): the address
and the username it is recorded under."""

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


# django-axes keeps the username tried in a column of this many characters.
LOCKOUT_USERNAME_LENGTH = 255


def login_username(request, credentials: dict | None = None) -> str | None:
    """The username a login attempt is recorded and locked out under: what was typed, cut to
    the lockout record's column and without NUL (which Postgres refuses in text), so that any
    value anyone posts is a failed login, never a 500. No real username comes near the cut
    (Django's usernames have at most 150 characters)."""
    source = credentials or getattr(request, "POST", {})
    username = source.get(settings.AXES_USERNAME_FORM_FIELD) if source else None
    if username is None:
        return None
    return str(username).replace("\x00", "")[:LOCKOUT_USERNAME_LENGTH]
