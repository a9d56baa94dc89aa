"""Security headers on every kind of answer, a CSP without 'unsafe-inline' that the pages keep
to, and production cookies that are Secure and HttpOnly."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from tests.support.public_urls import make_sample_dossier, sample_urls

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([^']+)'")


@pytest.fixture
def sample():
    return make_sample_dossier()


def answers(client, sample):
    """One answer of each kind: every public page, a 404, a 405 and an admin page."""
    for url in sample_urls(sample):
        yield url, client.get(url, secure=True)
    yield "404", client.get("/no-such-page/", secure=True)
    yield "405", client.post("/", secure=True)
    yield "admin", client.get(f"/{settings.ADMIN_PATH}login/", secure=True)


def test_every_answer_carries_the_security_headers(client, sample):
    for label, response in answers(client, sample):
        assert response["X-Content-Type-Options"] == "nosniff", label
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", label
        assert response["X-Frame-Options"] == "DENY", label
        assert "camera=()" in response["Permissions-Policy"], label
        assert "geolocation=()" in response["Permissions-Policy"], label
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], label
        assert response["Strict-Transport-Security"].startswith("max-age=31536000"), label


def test_the_csp_allows_nothing_inline_without_a_nonce(client, sample):
    for label, response in answers(client, sample):
        policy = response["Content-Security-Policy"]
        assert "unsafe-inline" not in policy, label
        assert "unsafe-eval" not in policy, label
        # Django adds the nonce only to answers whose template used it.
        assert re.search(r"script-src 'self'( 'nonce-[^']+')?;", policy), label
        assert "object-src 'none'" in policy, label


DATA_BLOCK = re.compile(r'type="application/(?:ld\+)?json"')


def test_public_pages_keep_to_the_csp(client, sample):
    """What the policy would block: inline scripts without the nonce, inline styles and event
    handler attributes. Browsers would silently drop them; this says where they are."""
    for url in sample_urls(sample):
        response = client.get(url)
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        nonce = "".join(NONCE.findall(response["Content-Security-Policy"]))
        for script in re.findall(r"<script\b[^>]*>", html):
            if DATA_BLOCK.search(script):
                continue  # JSON-LD is never executed: the policy does not apply to it
            assert "src=" in script or (nonce and f'nonce="{nonce}"' in script), (url, script)
        assert not re.search(r"<style\b", html), url
        assert not re.search(r"\sstyle\s*=", html), url
        assert not re.search(r"\son[a-z]+\s*=", html), url


def test_production_cookies_are_secure_and_http_only(client):
    User.objects.create_superuser("editor", "editor@example.org", "a long editor password")
    login_url = f"/{settings.ADMIN_PATH}login/"
    form = client.get(login_url, secure=True)
    response = client.post(
        login_url,
        {"username": "editor", "password": "a long editor password"},
        secure=True,
        headers={"X-CSRFToken": form.cookies["csrftoken"].value},
    )
    assert response.status_code == 302, "logged in"
    for name in ("csrftoken", "sessionid"):
        cookie = response.cookies.get(name) or form.cookies[name]
        assert cookie["secure"], name
        assert cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name


def test_plain_http_is_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True  # what production runs with (make test turns it off)
    response = client.get("/timeline/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_health_probes_on_the_private_network_are_answered_over_plain_http(client, settings):
    """Varnish's probe (deploy/varnish.vcl) and load balancers ask without TLS."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
