"""The public surface is read-only; the admin, the only place that writes, sits behind a
login that locks out repeated failures, at a path set from the environment."""

from importlib import reload

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import clear_url_caches

from dossier_portal import urls
from tests.site.test_foundation import PRODUCTION_ENV, run_manage
from tests.support.public_urls import make_sample_dossier, sample_urls

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND")
EDITOR_PASSWORD = "a long editor password"


@pytest.fixture
def editor():
    return User.objects.create_superuser("editor", "editor@example.org", EDITOR_PASSWORD)


def admin_url(rest: str = "") -> str:
    return f"/{settings.ADMIN_PATH}{rest}"


def test_public_urls_answer_only_get_and_head(client):
    for url in [*sample_urls(make_sample_dossier()), "/no-such-page/"]:
        assert client.head(url).status_code == client.get(url).status_code
        assert client.head(url).content == b""
        for method in WRITE_METHODS:
            response = client.generic(method, url, data="x=1")
            assert response.status_code == 405, (method, url)
            assert response["Allow"] == "GET, HEAD"


def test_writes_are_refused_even_for_a_logged_in_editor(client, editor):
    client.force_login(editor)
    assert client.post("/", {"title": "changed"}).status_code == 405


def test_the_admin_accepts_writes_behind_login_and_csrf(editor):
    browser = Client(enforce_csrf_checks=True)
    login = {"username": "editor", "password": EDITOR_PASSWORD}
    assert browser.post(admin_url("login/"), login).status_code == 403, "no CSRF token"
    form = browser.get(admin_url("login/"))
    token = form.cookies["csrftoken"].value
    response = browser.post(admin_url("login/"), {**login, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert browser.get(admin_url()).status_code == 200


def test_the_admin_needs_a_login(client):
    response = client.get(admin_url())
    assert response.status_code == 302
    assert response["Location"].startswith(admin_url("login/"))


def test_repeated_login_failures_lock_the_account_out(client, editor):
    wrong = {"username": "editor", "password": "not the password"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(admin_url("login/"), wrong)
        assert response.status_code == 200, "the form again, with an error"
    locked = client.post(admin_url("login/"), wrong)
    assert locked.status_code == 429
    right = client.post(admin_url("login/"), {**wrong, "password": EDITOR_PASSWORD})
    assert right.status_code == 429, "even the right password waits for the cool-off"
    assert "_auth_user_id" not in client.session


def lock_out_through_proxy(client, forwarded_for: str):
    wrong = {"username": "editor", "password": "not the password"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(admin_url("login/"), wrong, HTTP_X_FORWARDED_FOR=forwarded_for)


@override_settings(TRUST_FORWARDED_FOR=True)
def test_behind_a_trusted_proxy_a_lockout_keeps_to_the_address_that_failed(editor):
    attacker, colleague = Client(), Client()
    # Both reach Django from the proxy's address; the proxy appends each one's own address.
    lock_out_through_proxy(attacker, forwarded_for="forged.example, 203.0.113.7")
    right = {"username": "editor", "password": EDITOR_PASSWORD}
    again = attacker.post(admin_url("login/"), right, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert again.status_code == 429
    answer = colleague.post(admin_url("login/"), right, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert answer.status_code == 302, "the editor's own address is not locked out"


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(editor):
    attacker = Client()
    lock_out_through_proxy(attacker, forwarded_for="203.0.113.7")
    right = {"username": "editor", "password": EDITOR_PASSWORD}
    forged = attacker.post(admin_url("login/"), right, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert forged.status_code == 429, "a header the client sent is no way around the lockout"


def test_the_admin_path_comes_from_the_environment():
    script = "from django.urls import reverse; print(reverse('admin:index'))"
    moved = run_manage("shell", "-c", script, env={**PRODUCTION_ENV, "ADMIN_PATH": "/back-room/"})
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.strip().splitlines()[-1] == "/back-room/"


@pytest.fixture
def admin_moved_to_back_room():
    """The admin at /back-room/ as ADMIN_PATH=back-room would put it (the URLs are rebuilt)."""
    with override_settings(ADMIN_PATH="back-room/"):
        reload(urls)
        clear_url_caches()
        yield
    reload(urls)
    clear_url_caches()


def test_a_moved_admin_is_writable_and_the_old_path_is_not(
    client, editor, admin_moved_to_back_room
):
    login = {"username": "editor", "password": EDITOR_PASSWORD}
    assert client.get("/admin/").status_code == 404
    assert client.post("/admin/login/", login).status_code == 405
    assert client.post("/back-room/login/", login).status_code == 302
    assert client.get("/back-room/").status_code == 200
