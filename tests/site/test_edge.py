"""Varnish in front (deploy/varnish.vcl), purged by the application after every change: what a
reader gets through a real varnishd, with one and with two gunicorn instances behind it."""

import http.cookies
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import quote
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.test import Client

from dossier_portal.content import frontends, version_listener
from dossier_portal.content.content_version import current_version
from dossier_portal.content.frontends import REPEAT_AFTER_SECONDS
from dossier_portal.content.version_listener import VersionListener
from dossier_portal.devtools.benchmark.load import (
    free_port,
    gunicorn,
    gunicorn_process,
    production_environment,
)
from dossier_portal.devtools.edge import varnish
from tests.support.admin_helpers import make_editor
from tests.support.factories import make_measure
from tests.support.form_reader import form_data

pytestmark = pytest.mark.django_db(transaction=True)

# The bound: a change leaves the edge within a second.
PURGE_WITHIN_SECONDS = 1.0


@dataclass
class Answer:
    status: int
    headers: Message
    text: str


def fetch(url: str, *, data: bytes | None = None, cookies: str = "") -> Answer:
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookies} if cookies else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return Answer(response.status, response.headers, response.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read().decode())


def wait_until(condition, seconds: float) -> float:
    """How long `condition` took to hold; fails past `seconds`."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, f"not within {seconds}s"
        time.sleep(0.01)
    return time.monotonic() - started


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> dict[str, str]:
    """gunicorn serves with production's manifest storage, which needs collectstatic's manifest,
    as `make serve` makes it: a fresh clone has none, and an old one may lack a new file. A
    folder of the module's own: `make run` (test_make_run.py) collects into the checkout's."""
    folder = tmp_path_factory.mktemp("staticfiles")
    environment = {
        **production_environment(port=0, database_url="postgres:///collectstatic-only"),
        "STATIC_ROOT": str(folder),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=django_settings.BASE_DIR, env=environment, check=True,
    )  # fmt: skip
    return {"STATIC_ROOT": str(folder)}


def database_url(django_db_setup, django_db_blocker) -> str:
    from django.db import connection

    database = connection.settings_dict
    socket_dir = quote(database["HOST"], safe="")
    return f"postgres://{database['USER']}@{socket_dir}:{database['PORT']}/{database['NAME']}"


@dataclass
class Edge:
    url: str
    app_servers: list[str]


def server_logs(tmp_path: Path, count: int) -> list[Path]:
    """Where the servers log, kept after the test (pytest keeps its last runs' tmp_path); named
    in the test's captured output, which pytest shows when it fails."""
    logs = [tmp_path / f"gunicorn-{number}.log" for number in range(1, count + 1)]
    print("gunicorn logs:", *logs)
    return logs


@pytest.fixture
def edge(django_db_setup, django_db_blocker, static_root, tmp_path):
    """Two gunicorn instances on the test database, both purging one Varnish in front. New for
    each test, started once the test's database is set up: each test's flush recreates the
    content types under new ids, and a server kept across tests answered an admin save with a
    500 when the worker that took it had cached an id of the test before (Django keeps content
    types per process): in one of two full-suite runs, as the kernel chose the worker."""
    edge_port = free_port()
    purge = {
        **static_root,
        "PURGE_FRONTENDS": f"http://127.0.0.1:{edge_port}/",
        "WEB_CONCURRENCY": "2",
        # This process's key, so that the sessions it makes sign editors in there too.
        "SECRET_KEY": django_settings.SECRET_KEY,
    }
    url = database_url(django_db_setup, django_db_blocker)
    first_log, second_log = server_logs(tmp_path, 2)
    with (
        gunicorn(url, environment=purge, log_file=first_log) as first,
        gunicorn(url, environment=purge, log_file=second_log) as second,
    ):
        servers = [first.removeprefix("http://"), second.removeprefix("http://")]
        with varnish(servers, edge_port) as front:
            yield Edge(front.url, [first, second])


@pytest.fixture
def purging(edge, settings):
    """This test process's changes purge the edge too, as an editor's save in the admin does."""
    settings.PURGE_FRONTENDS = [edge.url + "/"]
    return edge


def cached_at_the_edge(url: str) -> Answer:
    """The page once the edge keeps it. Just after a change that may take a few reads: a worker
    that had not yet heard of it labels its page with the old version, and the repeated purge
    (content/frontends.py) drops that page within REPEAT_AFTER_SECONDS."""
    answers = []

    def hit() -> bool:
        answers.append(fetch(url))
        return answers[-1].headers["X-Cache"] == "HIT"

    wait_until(hit, REPEAT_AFTER_SECONDS + PURGE_WITHIN_SECONDS)
    return answers[-1]


def test_a_page_is_cached_with_the_applications_security_headers(purging):
    measure = make_measure(short_title="Child Sexual Abuse Regulation")
    answer = cached_at_the_edge(purging.url + measure.get_absolute_url())
    for header in (
        "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
        "Referrer-Policy", "Cross-Origin-Opener-Policy", "Permissions-Policy", "ETag",
    ):  # fmt: skip
        assert header in answer.headers, header
    assert "X-Content-Version" not in answer.headers


def test_an_edit_an_unpublish_and_a_delete_leave_the_edge_within_a_second(purging):
    measure = make_measure(short_title="Child Sexual Abuse Regulation", summary="First words.")
    other = make_measure(short_title="Digital Services Act")
    url = purging.url + measure.get_absolute_url()
    assert "First words." in cached_at_the_edge(url).text

    measure.summary = "Corrected words."
    measure.save()
    wait_until(lambda: "Corrected words." in fetch(url).text, PURGE_WITHIN_SECONDS)

    cached_at_the_edge(url)
    measure.is_published = False
    measure.save()
    wait_until(lambda: fetch(url).status == 404, PURGE_WITHIN_SECONDS)

    other_url = purging.url + other.get_absolute_url()
    cached_at_the_edge(other_url)
    other.delete()
    wait_until(lambda: fetch(other_url).status == 404, PURGE_WITHIN_SECONDS)
    timeline = fetch(purging.url + "/timeline/").text
    assert "Digital Services Act" not in timeline


def test_editors_pass_through_the_edge(purging):
    client = Client()
    client.force_login(make_editor())
    session = f"sessionid={client.cookies['sessionid'].value}"
    for _ in range(2):
        answer = fetch(purging.url + "/timeline/", cookies=session)
        assert answer.headers["X-Cache"] == "PASS"
    assert "private" in answer.headers["Cache-Control"]


def test_the_admin_is_never_cached_at_the_edge(purging):
    login = f"{purging.url}/{django_settings.ADMIN_PATH}login/"
    for _ in range(2):
        answer = fetch(login)
        assert answer.headers["X-Cache"] != "HIT"
        assert "csrftoken" in answer.headers["Set-Cookie"], "each reader gets a token of their own"


def admin_edit(app_server: str, measure, session: str, summary: str) -> None:
    """Change a measure's summary through an application server's admin, as an editor would."""
    change_url = f"{app_server}/admin/timeline/measure/{measure.pk}/change/"
    page = fetch(change_url, cookies=session)
    assert page.status == 200, page.status
    data = form_data(page.text, "measure_form")
    assert "csrfmiddlewaretoken" in data, "the change form, not the login page"
    data["summary"] = [summary]
    # Set by hand: the cookies are Secure, which a client keeps off plain HTTP.
    set_cookies = http.cookies.SimpleCookie()
    for header in page.headers.get_all("Set-Cookie", []):
        set_cookies.load(header)
    cookies = session + f"; csrftoken={set_cookies['csrftoken'].value}"
    answer = fetch(
        change_url, data=urllib.parse.urlencode(data, doseq=True).encode(), cookies=cookies
    )
    assert answer.status == 200, "the admin redirects to the list after a save"


def test_an_edit_through_either_instance_is_fresh_everywhere(purging):
    measure = make_measure(short_title="Child Sexual Abuse Regulation", summary="First words.")
    client = Client()
    client.force_login(make_editor())
    session = f"sessionid={client.cookies['sessionid'].value}"
    path = measure.get_absolute_url()
    readers = [purging.url + path, *(server + path for server in purging.app_servers)]

    for number, app_server in enumerate(purging.app_servers):
        for url in readers:
            fetch(url)  # every cache holds the page
        summary = f"Edited through instance {number + 1}."
        admin_edit(app_server, measure, session, summary)
        for url in readers:
            assert summary in fetch(url).text, url


def kill(server) -> None:
    """As a crash would: the master and its workers at once, no graceful shutdown."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    for pid in [server.pid, *map(int, children)]:
        os.kill(pid, signal.SIGKILL)


def test_a_failed_instance_is_taken_out_with_no_error_to_readers(
    django_db_setup, django_db_blocker, static_root, tmp_path
):
    make_measure(short_title="Child Sexual Abuse Regulation")
    url = database_url(django_db_setup, django_db_blocker)
    edge_port = free_port()
    single = {**static_root, "WEB_CONCURRENCY": "1"}
    first_log, second_log = server_logs(tmp_path, 2)
    with (
        gunicorn_process(url, None, single, first_log) as (first, doomed),
        gunicorn(url, environment=single, log_file=second_log) as second,
        varnish(
            [first.removeprefix("http://"), second.removeprefix("http://")], edge_port
        ) as front,
    ):
        kill(doomed)
        searches = iter(range(10**6))

        def a_reader_gets_a_page_then_probe_has_acted() -> bool:
            # A search no one made before: a miss, so the edge asks an application server.
            answer = fetch(f"{front.url}/search/?q=regulation+{next(searches)}")
            assert answer.status == 200, answer.status
            return front.sick_backends() == 1

        wait_until(a_reader_gets_a_page_then_probe_has_acted, seconds=10)
        for _ in range(10):
            assert fetch(f"{front.url}/search/?q=regulation+{next(searches)}").status == 200


@contextmanager
def serving_in_this_process():
    """This test process as an application server (Django's WSGI handler on a free port), so a
    test can hold what its workers know of the content version."""
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=QuietHandler)

    def serve():
        try:
            server.serve_forever(poll_interval=0.05)
        finally:
            connections.close_all()  # this thread's connection, or the test database stays in use

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def late_listener(monkeypatch, settings, version) -> None:
    """This process's listener last read `version`, just now, and hears nothing more: it vouches
    for it TRUSTED_FOR_SECONDS, as a worker would whose notification of a change is late."""
    settings.CONTENT_VERSION_LISTENER = True
    late = VersionListener()
    late._pid = os.getpid()  # never starts a thread: no notification will reach it
    late._known = (version, time.monotonic())
    monkeypatch.setattr(version_listener, "listener", late)


def test_a_page_a_late_worker_gives_the_edge_after_a_purge_is_dropped_by_the_repeat(
    settings, monkeypatch
):
    """A ban drops only pages already stored: a worker that has not yet heard of a change may
    hand the edge the old page just after the purge, and without the repeated purge the edge
    would keep it for a day (content/frontends.py)."""
    settings.SECURE_SSL_REDIRECT = False
    # The same bounds, longer, so that a busy machine still reads within the late worker's.
    monkeypatch.setattr(version_listener, "TRUSTED_FOR_SECONDS", 3)
    monkeypatch.setattr(frontends, "REPEAT_AFTER_SECONDS", 3.25)
    measure = make_measure(short_title="Child Sexual Abuse Regulation", summary="First words.")
    with serving_in_this_process() as app_server, varnish([app_server], free_port()) as front:
        settings.PURGE_FRONTENDS = [front.url + "/"]
        url = front.url + measure.get_absolute_url()
        assert "First words." in cached_at_the_edge(url).text

        old = current_version()
        measure.summary = "Corrected words."
        measure.save()  # commits, then bans every page of the old version at the edge
        late_listener(monkeypatch, settings, old)
        stale = fetch(url)
        assert stale.headers["X-Cache"] == "MISS"
        assert "First words." in stale.text, "the late worker's old page, stored after the ban"
        assert "First words." in fetch(url).text

        wait_until(
            lambda: "Corrected words." in fetch(url).text,
            frontends.REPEAT_AFTER_SECONDS + PURGE_WITHIN_SECONDS,
        )
        assert "Corrected words." in cached_at_the_edge(url).text
