"""The site-wide content version and the page cache built on it (Django's cache framework and
ConditionalGetMiddleware): what a reader, a browser, a CDN and an editor each see."""

import contextlib
import os
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date, parse_http_date

from dossier_portal.content.content_version import current_version
from dossier_portal.content.models import ContentVersion
from dossier_portal.content.version_listener import listener
from dossier_portal.editing import backups
from dossier_portal.site.forms import SearchForm
from dossier_portal.site.page_cache import PAGE_PARAMETERS, is_cacheable_response
from tests.support.factories import make_article, make_measure, make_milestone, make_person
from timeline.forms import TimelineFilters
from timeline.lookups import ReferenceForm

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


def wait_for(condition, seconds: float = 10):
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


@contextlib.contextmanager
def database_refusing_connections():
    """Postgres refuses new connections to the test database and drops every one but this
    test's: a listener cut off and unable to reconnect, as when the database is unreachable.
    (Asked from the maintenance database: Postgres will not alter its current one so.)"""
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        try:
            with connection.cursor() as own:
                own.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            yield
        finally:
            cursor.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")


@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_listener_is_cut_off_reads_the_version_itself(client, version_listener):
    wait_for(version_listener.version)
    client.get("/timeline/")
    with database_refusing_connections():
        wait_for(lambda: version_listener.version() is None)
        with CaptureQueriesContext(connection) as queries:
            client.get("/timeline/")
        assert len(queries) == 1, "the version, read on the request's own connection"
        make_measure(short_title="Digital Services Act")
        assert b"Digital Services Act" in client.get("/timeline/").content


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


def test_with_frontends_to_purge_shared_caches_keep_pages_a_day(client, settings):
    settings.SHARED_CACHE_SECONDS = 24 * 60 * 60  # what PURGE_FRONTENDS sets (settings.py)
    directives = {part.strip() for part in client.get("/")["Cache-Control"].split(",")}
    assert "s-maxage=86400" in directives


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
    assert "X-Content-Version" not in response, "not the public page's validators"
    assert "private" in response["Cache-Control"]


def test_the_admin_and_the_health_check_are_never_cached(client):
    for url in ("/admin/login/", "/healthz"):
        response = client.get(url)
        assert "X-Content-Version" not in response
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


def test_a_page_is_cached_per_scheme_and_host(client):
    """Pages carry absolute URLs (the canonical link), which name the scheme and host."""
    plain = client.get("/", headers={"host": "localhost"})
    secure = client.get("/", secure=True, headers={"host": "127.0.0.1"})
    assert b"http://localhost/" in plain.content
    assert b"https://127.0.0.1/" in secure.content


def test_unknown_query_parameters_create_no_entries(client):
    make_measure(short_title="Child Sexual Abuse Regulation")
    first = client.get("/timeline/")
    for junk in range(20):
        response = client.get(f"/timeline/?utm_source={junk}&x={'y' * junk}")
        assert response.content == first.content
    assert len(cache._cache) == 1


def test_the_parameters_a_page_reads_make_entries_of_their_own(client):
    make_measure(short_title="Child Sexual Abuse Regulation", kind="regulation")
    everything = client.get("/timeline/")
    regulations = client.get("/timeline/?kind=regulation&utm_source=mail")
    assert regulations.content != everything.content
    assert client.get("/timeline/?kind=regulation").content == regulations.content
    assert len(cache._cache) == 2


def test_a_view_never_sees_a_parameter_it_does_not_declare(client):
    """The page a reader gets is the page the key names: a parameter outside PAGE_PARAMETERS
    cannot change it."""
    plain = client.get("/search/?q=abuse")
    assert client.get("/search/?q=abuse&q2=directive&debug=1").content == plain.content


@pytest.mark.django_db(transaction=True)
def test_after_a_restore_an_edit_never_reissues_an_old_etag(client, tmp_path):
    """A backup brings back an older content version; the next edit must not get the number
    (and ETag) of content that was restored away."""
    measure = make_measure(short_title="Child Sexual Abuse Regulation")
    backup = backups.create(connection.settings_dict, tmp_path / "dossier.dump")
    for title in ("First edit", "Second edit"):
        measure.summary = title
        measure.save()
    old = client.get(measure.get_absolute_url())
    assert b"Second edit" in old.content

    backups.restore(connection.settings_dict, backup)
    restored = type(measure).objects.get(pk=measure.pk)
    restored.summary = "Edited after the restore"
    restored.save()

    response = client.get(measure.get_absolute_url(), headers={"if-none-match": old["ETag"]})
    assert response.status_code == 200
    assert response["ETag"] != old["ETag"]
    assert b"Edited after the restore" in response.content


def test_the_release_comes_from_the_deploy():
    """RELEASE names it; without it, the git commit. Never a hash of files."""
    code = "from django.conf import settings; print(settings.RELEASE)"
    environment = {**os.environ, "RELEASE": "2026.11.29-1"}
    named = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environment, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR,
    )  # fmt: skip
    assert named.stdout.strip() == "2026.11.29-1"
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True,
        cwd=settings.BASE_DIR,
    ).stdout.strip()  # fmt: skip
    if commit:
        assert commit == settings.RELEASE


def test_redis_is_one_environment_variable_away():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    environment = {**os.environ, "REDIS_URL": "redis://cache.internal:6379/0"}
    backend = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environment, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR,
    ).stdout.strip()  # fmt: skip
    assert backend == "django.core.cache.backends.redis.RedisCache"


def test_make_restore_gives_the_restored_content_a_version_of_its_own(client):
    """What `make restore` runs after pg_restore: pages cached before it are not served."""
    etag = client.get("/timeline/")["ETag"]
    call_command("content_changed", stdout=StringIO())
    assert client.get("/timeline/", headers={"if-none-match": etag}).status_code == 200


def test_every_field_of_a_public_form_is_part_of_its_pages_key():
    """A page sees only the parameters in PAGE_PARAMETERS: a field added to one of these forms
    and not listed there would be silently ignored for readers."""
    forms = {"search": SearchForm, "timeline:index": TimelineFilters}
    for name, form in forms.items():
        assert {*form.base_fields, "page"} <= set(PAGE_PARAMETERS[name]), name
    assert set(ReferenceForm.base_fields) <= set(PAGE_PARAMETERS["timeline:by-reference"])
