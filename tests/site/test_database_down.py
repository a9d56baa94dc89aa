"""With the database down, readers get a friendly 503 with Retry-After (never a 500), /healthz
says 503, and the site recovers by itself when the database returns.

Requests go through Django's real WSGI handler, not the test client: the client switches off
the per-request connection housekeeping that recovery depends on in production."""

import io
import os
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connections
from django.test import RequestFactory

from dossier_portal.devtools import embedded_pg
from dossier_portal.site.views import RETRY_AFTER_SECONDS, server_error
from tests.support.public_urls import make_sample_dossier, sample_urls


@pytest.fixture
def test_cluster():
    """The cluster `make test` made for this run (skip when the tests use DATABASE_URL)."""
    folder = os.environ.get("EMBEDDED_PG_DIR")
    if not folder:
        pytest.skip("needs the throwaway embedded cluster of `make test`")
    cluster = embedded_pg.Cluster(Path(folder))
    yield cluster
    cluster.start()  # whatever happened, the rest of the suite needs it
    connections.close_all()


def serve(path: str) -> tuple[int, dict[str, str], bytes]:
    """One request through the WSGI application, as gunicorn would make it."""
    environ = RequestFactory().get(path).environ
    environ["wsgi.input"] = io.BytesIO()
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    chunks = WSGIHandler()(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        chunks.close()  # sends request_finished, as a WSGI server does
    return answer["status"], answer["headers"], body


@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_while_the_database_is_down_and_recover(test_cluster):
    sample = make_sample_dossier()
    records = [record.get_absolute_url() for record in sample.values()]
    urls = [*sample_urls(sample), "/no-such-page/"]
    assert all(serve(url)[0] < 500 for url in urls)

    test_cluster.stop()
    try:
        down = {url: serve(url) for url in urls}
    finally:
        test_cluster.start()

    assert down.pop("/healthz")[0] == 503
    assert all(down[url][0] == 503 for url in records), "every record is in the database"
    for url, (status, headers, body) in down.items():
        if status in (200, 302):
            continue  # what needs no database (a cached copy, the favicon's redirect) is served
        assert status == 503, url
        assert headers["Retry-After"] == str(RETRY_AFTER_SECONDS), url
        assert "no-store" in headers["Cache-Control"], url
        assert b"temporarily unavailable" in body, url
        assert b"Traceback" not in body, url
    back = {url: serve(url)[0] for url in urls}
    assert all(status < 500 for status in back.values()), back


def answer_while_handling(error: Exception, request):
    """What handler500 answers while Django handles `error`, as it does for an uncaught one."""
    try:
        raise error
    except type(error):
        return server_error(request)


def test_only_an_unreachable_database_turns_a_server_error_into_503(rf):
    outage = answer_while_handling(OperationalError("connection refused"), rf.get("/"))
    bug = answer_while_handling(ValueError("a bug"), rf.get("/"))
    assert outage.status_code == 503
    assert bug.status_code == 500
    assert "Retry-After" not in bug
