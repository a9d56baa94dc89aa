"""The site-wide content version and the page cache built on it: what a reader, a browser, a CDN
and an editor each see."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date, parse_http_date

from dossier_portal.content.content_version import current_version
from dossier_portal.content.models import ContentVersion
from dossier_portal.site.page_cache import is_cacheable_response
from dossier_portal.site.version_listener import listener
from tests.factories import make_article, make_measure, make_milestone, make_person

pytestmark = pytest.mark.django_db


def version_number() -> int:
    return current_version().number


def test_every_kind_of_content_change_raises_the_version():
    measure = make_measure()
    changes = [
        lambda: make_milestone(measure),
        lambda: measure.documents.create(label="EUR-Lex", url="https://eur-lex.europa.eu/x"),
        lambda: measure.replaces.add(make_measure()),
        lambda: make_article().contributions.create(person=make_person(), role="author"),
        lambda: measure.milestones.first().delete(),
    ]
    for change in changes:
        before = version_number()
        change()
        assert version_number() > before


def test_an_edit_that_is_rolled_back_leaves_the_version_alone():
    before = version_number()

    def failed_save():
        with transaction.atomic():
            make_measure()
            raise RuntimeError("the editor's save failed")

    with pytest.raises(RuntimeError):
        failed_save()
    assert version_number() == before


def test_the_version_survives_a_database_flush():
    ContentVersion.objects.all().delete()
    assert version_number() > 0


def test_a_cached_page_costs_one_query(client):
    make_measure(short_title="Child Sexual Abuse Regulation")
    first = client.get("/timeline/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/timeline/")
    assert second.content == first.content
    assert len(queries) == 1, "only the content version is read"


def test_an_editors_change_is_visible_at_once(client):
    make_measure(short_title="Child Sexual Abuse Directive")
    assert b"Digital Services Act" not in client.get("/timeline/").content
    make_measure(short_title="Digital Services Act")
    assert b"Digital Services Act" in client.get("/timeline/").content


def test_public_pages_carry_validators_a_shared_cache_can_use(client):
    response = client.get("/")
    assert response["ETag"].startswith('W/"')
    changed_at = ContentVersion.objects.get().changed_at
    assert parse_http_date(response["Last-Modified"]) >= int(changed_at.timestamp())
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=60", "stale-while-revalidate=300"} <= directives


def test_a_conditional_get_answers_304_without_rendering(client):
    etag = client.get("/timeline/")["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/timeline/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert len(queries) == 1


def test_if_modified_since_answers_304_unless_the_site_changed_since(client):
    last_modified = parse_http_date(client.get("/").headers["Last-Modified"])
    unchanged = client.get("/", headers={"if-modified-since": http_date(last_modified)})
    assert unchanged.status_code == 304
    changed = client.get("/", headers={"if-modified-since": http_date(last_modified - 1)})
    assert changed.status_code == 200


def test_an_old_etag_gets_the_new_page(client):
    etag = client.get("/timeline/")["ETag"]
    make_measure()
    response = client.get("/timeline/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_wildcard_if_none_match_does_not_hide_a_missing_page(client):
    response = client.get("/timeline/no-such-measure/", headers={"if-none-match": "*"})
    assert response.status_code == 404


def test_logged_in_editors_are_never_served_or_stored_in_a_shared_cache(client):
    editor = get_user_model().objects.create_user("editor", is_staff=True)
    client.force_login(editor)
    response = client.get("/timeline/")
    assert "ETag" not in response
    assert "private" in response["Cache-Control"]


def test_the_admin_and_the_health_check_are_never_cached(client):
    for url in ("/admin/login/", "/healthz"):
        response = client.get(url)
        assert "ETag" not in response
        assert "public" not in response.get("Cache-Control", "")


def test_missing_pages_are_not_cached(client):
    client.get("/timeline/not-yet/")
    make_measure(slug="not-yet")
    assert client.get("/timeline/not-yet/").status_code == 200


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda response: response.set_cookie("seen", "1"), "sets a cookie"),
        (lambda response: response.headers.__setitem__("Vary", "Accept-Language"), "varies"),
        (lambda response: response.headers.__setitem__("Cache-Control", "no-store"), "no-store"),
    ],
)
def test_responses_that_are_not_the_same_for_every_reader_are_not_stored(spoil, reason):
    request = RequestFactory().get("/")
    response = HttpResponse("page")
    assert is_cacheable_response(request, response)
    spoil(response)
    assert not is_cacheable_response(request, response), reason


def test_a_page_with_a_csp_nonce_is_not_stored():
    from django.utils.csp import LazyNonce

    request = RequestFactory().get("/")
    request._csp_nonce = LazyNonce()
    str(request._csp_nonce)  # a template used it
    assert not is_cacheable_response(request, HttpResponse("page"))


def wait_for(condition, seconds: float = 5):
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)
    return result


@pytest.fixture
def version_listener(settings):
    settings.CONTENT_VERSION_LISTENER = True
    current_version()  # the row, which the flush after a transactional test removes
    yield listener
    listener.stop()


@pytest.mark.django_db(transaction=True)
def test_a_worker_hears_of_each_committed_change(version_listener):
    first = wait_for(version_listener.version)
    make_measure()
    wait_for(lambda: version_listener.version() != first)
    assert version_listener.version() == current_version()


@pytest.mark.django_db(transaction=True)
def test_with_the_listener_a_cached_page_costs_no_query(client, version_listener):
    wait_for(version_listener.version)
    client.get("/timeline/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/timeline/")
    assert len(queries) == 0
    make_measure(short_title="Digital Services Act")
    assert wait_for(lambda: b"Digital Services Act" in client.get("/timeline/").content)


def test_a_page_is_cached_per_scheme_and_host(client):
    """Pages carry absolute URLs (the canonical link), which name the scheme and host."""
    plain = client.get("/", headers={"host": "localhost"})
    secure = client.get("/", secure=True, headers={"host": "127.0.0.1"})
    assert b"http://localhost/" in plain.content
    assert b"https://127.0.0.1/" in secure.content
