"""The one settings module, driven by environment variables (see the README's table).

The database is DATABASE_URL's. The development entry points (manage.py, the Makefile) point it
at the embedded Postgres when it is not set; production sets it and never imports devtools.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG")

DEV_SECRET_KEY = "django-insecure-local-development-only-never-use-this-key-in-production"  # noqa: S105


def is_real_secret_key(key: str) -> bool:
    """What check --deploy accepts: long, not Django's insecure placeholder."""
    return len(key) >= 50 and len(set(key)) >= 5 and not key.startswith("django-insecure-")


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not is_real_secret_key(SECRET_KEY):
    if not DEBUG:
        # One line, no traceback: this is a configuration mistake, not a bug.
        sys.exit(
            "Refusing to start: set SECRET_KEY to a random string of 50 or more characters "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or DEBUG=true for local development."
        )
    SECRET_KEY = SECRET_KEY or DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "reversion",
    "reversion_compare",
    "axes",
    "dossier_portal.content",
    "dossier_portal.editing",
    "dossier_portal.opendata",
    "organisations",
    "timeline",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Header-only middleware first, so that every answer, the early 405 included, carries them.
    "dossier_portal.site.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "dossier_portal.site.middleware.ReadOnlyPublicSiteMiddleware",
    # 304 for a GET whose validators match, from the ETag and Last-Modified set below it.
    "django.middleware.http.ConditionalGetMiddleware",
    # Inside security and CSP (they add their headers to cached pages too), before sessions and
    # everything else a cached page skips.
    "dossier_portal.site.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "dossier_portal.site.redirects.PublishedRedirectFallbackMiddleware",
    "axes.middleware.AxesMiddleware",
]


def release_identity() -> str:
    """What a page is made of besides content (code, templates, static names): the deploy names
    it (RELEASE), else the checkout's git commit. Where neither says (or in development, where
    files change under the same commit) this process's start stands in, so no validator of
    another build is ever taken for this one's."""
    started = f"started-{time.time_ns()}"
    if release := os.environ.get("RELEASE", "").strip():
        return release
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=BASE_DIR, capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return started
    return f"{commit}-{started}" if DEBUG else commit


RELEASE = release_identity()
# Last-Modified is never earlier than the start of the process serving it: a page of a new
# release is newer than every page of the previous one.
RELEASE_STARTED_AT = time.time()

# Rendered pages live in Django's cache (site/page_cache.py): this process's memory by default;
# with several application servers, REDIS_URL (e.g. redis://cache.internal:6379/0, needs the
# `redis` package) shares one cache between them all.
PAGE_CACHE_SECONDS = 24 * 60 * 60
if REDIS_URL := os.environ.get("REDIS_URL", "").strip():
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": PAGE_CACHE_SECONDS,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            # Each page is kept per content version; a third is dropped when full.
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# The shared caches in front (Varnish, a CDN) that every content change purges once it commits
# (content/frontends.py): their purge URLs, comma-separated, e.g. http://127.0.0.1:6081/.
PURGE_FRONTENDS = env_list("PURGE_FRONTENDS")
# Shared caches keep a page as long as this. Purged on every change, they may keep it a day;
# without purging, a minute, so that a correction reaches readers soon.
SHARED_CACHE_SECONDS = 24 * 60 * 60 if PURGE_FRONTENDS else 60
# Each worker follows the content version through Postgres notifications
# (content/version_listener.py); off, every page request reads it from the database instead.
CONTENT_VERSION_LISTENER = env_flag("CONTENT_VERSION_LISTENER", default=True)

ROOT_URLCONF = "dossier_portal.urls"
WSGI_APPLICATION = "dossier_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    sys.exit(
        "Refusing to start: set DATABASE_URL to a Postgres URL "
        "(manage.py and the Makefile use the embedded Postgres when it is not set)."
    )
# Postgres everywhere (devtools/embedded_pg.py runs the development cluster).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        # No `SELECT 1` before each request's first query: that is a round trip on every page
        # rendered. A connection a database restart broke fails one request (a 503, never a
        # 500) and is closed at its end; the next request connects afresh.
        conn_health_checks=False,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
SITE_ID = 1

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The admin's path can be moved away from the well-known /admin/.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"

# Security headers. The CSP has no 'unsafe-inline': inline scripts carry the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The portal uses none of these browser features; nothing it serves may ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb",
    )
)  # fmt: skip
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Behind a TLS-terminating proxy, trust its forwarded scheme only when told to.
TRUST_FORWARDED_FOR = env_flag("SECURE_PROXY_SSL")
if TRUST_FORWARDED_FOR:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=True)
    # Health probes (Varnish's, a load balancer's) ask over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Admin login throttling (django-axes): lock an account/IP pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "dossier_portal.site.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "dossier_portal.site.client_ip.login_username"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": sys.stdout, "formatter": "plain"}
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler would print everything twice.
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}
