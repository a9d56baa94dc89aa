"""Bad input never gives a server error: generated paths, query strings and headers against
every public URL pattern (found by walking the resolver) all get an answer below 500; unknown
records get a 404 that helps the reader on."""

from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_portal.site.page_cache import PAGE_PARAMETERS
from tests.support.public_urls import PublicRoute, make_sample_dossier, public_routes

pytestmark = pytest.mark.django_db

ROUTES = public_routes()
# Paths that match no route reach the 404 machinery (and the redirects of renamed pages).
ANY_PATH = PublicRoute("<path:anything>", "any other path")
READ_METHODS = ("GET", "HEAD")
OTHER_METHODS = ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT")
# Parameters the public pages read (pagination, timeline filters, search), and some they do not.
PARAMETER_NAMES = (
    "page", "q", "kind", "status", "body", "year", "from", "to", "sort", "order", "format",
    "type", "tag", "organisation", "measure", "celex", "lang", "next", "utm_source",
)  # fmt: skip
HEADER_NAMES = (
    "Accept", "Accept-Language", "Accept-Encoding", "Cookie", "If-None-Match",
    "If-Modified-Since", "If-Range", "Range", "Referer", "User-Agent", "X-Forwarded-For",
    "X-Forwarded-Proto", "X-Forwarded-Host", "X-Requested-With", "Content-Type", "Origin",
    "Authorization", "Cache-Control", "Host",
)  # fmt: skip

HUNDRED_KB = 100 * 1024
# Text that has broken web applications before: NUL, lone surrogates, control and
# right-to-left characters, SQL and template syntax, path tricks, numbers out of range.
NASTY = st.sampled_from([
    "", " ", "\x00", "a\x00b", "\ud800", "\udfff", "x\udc80y", "\x1b[31m", "\u202e", "\ufeff",
    "%", "%00", "%zz", "%ff%fe", "..", "../..", "//", "\\", "'", '"', "' OR 1=1 --", "\\\\x",
    "{{ request }}", "{% debug %}", "<script>", "-1", "0", "1e999", "NaN", "inf",
    "99999999999999999999999999", "-9223372036854775809", "1.5", "0x10", "١٢٣",
    "&", "=", "?", "#", ";", "+", "*", ":*", "!", "|", "(", ")", "<->", "a & b | !c",
])  # fmt: skip
HUGE = st.builds(
    lambda piece: (piece * HUNDRED_KB)[:HUNDRED_KB],
    st.sampled_from(["a", "é", "\x00", "(", "'", " ", "1"]),
)
# Numbers past every integer column (a page number times the page size included).
HUGE_INTEGERS = st.integers(min_value=2**31 - 10, max_value=2**80).map(str) | st.sampled_from(
    ["92233720368547760", "9223372036854775807", "9223372036854775808", "-9223372036854775808"]
)
# Runs of search operators: a query parser's stack, not a table, is what they fill.
OPERATOR_RUNS = st.builds(
    lambda operator, count: operator * count,
    st.sampled_from(["-", "- ", "-(", "!", "|", "&", "<->", '"', "(", ")", "*", ":*", "or "]),
    st.integers(min_value=2, max_value=100),
)
TEXT = st.one_of(NASTY, st.text(max_size=30), HUGE, HUGE_INTEGERS, OPERATOR_RUNS)
HEADER_VALUE = st.one_of(
    NASTY.filter(lambda value: value.isascii()),
    st.text(st.characters(max_codepoint=255), max_size=50),
    st.builds(lambda piece: piece * 2000, st.sampled_from(["a", ",", ";", "=", "\x00"])),
)


def encode(text: str) -> str:
    """Percent-encode as a browser would; a lone surrogate becomes bytes that are not UTF-8."""
    return quote(text, safe="", errors="surrogatepass")


def as_sent(text: str) -> str:
    """`text` sent unencoded, as a WSGI server hands it on: its bytes read as Latin-1."""
    return text.encode("utf-8", errors="surrogatepass").decode("latin-1")


@st.composite
def query_strings(draw, route) -> str:
    if draw(st.integers(0, 4)) == 0:
        return as_sent(draw(NASTY))  # raw, possibly malformed
    # Each parameter the route reads, often; then any others.
    read = PAGE_PARAMETERS.get(route.name, ())
    pairs = [(name, draw(TEXT)) for name in read if draw(st.integers(0, 3))]
    names = st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(max_size=10))
    pairs += draw(st.lists(st.tuples(names, TEXT), max_size=3))
    return urlencode(pairs, errors="surrogatepass")


@st.composite
def requests(draw, route, known_values):
    segment = st.one_of(st.sampled_from(known_values).map(encode), TEXT.map(encode))
    values = [draw(segment) for _ in route.converters]
    path = route.fill(values)
    if draw(st.integers(0, 9)) == 0:
        path += encode(draw(TEXT))  # something after the route's last slash
    method = draw(st.sampled_from(READ_METHODS if draw(st.integers(0, 4)) else OTHER_METHODS))
    headers = draw(st.dictionaries(st.sampled_from(HEADER_NAMES), HEADER_VALUE, max_size=3))
    return method, path, draw(query_strings(route)), headers


@pytest.fixture
def known_values():
    """Slugs and numbers of real records, so generated requests also reach the found pages."""
    sample = make_sample_dossier()
    return sorted({record.slug for record in sample.values()} | {sample["measure"].celex})


@pytest.mark.parametrize("route", [*ROUTES, ANY_PATH], ids=str)
def test_no_request_gets_a_server_error(route, known_values):
    client = Client()

    # Function-scoped fixtures are fine here: the records are read, never changed.
    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
    @given(request=requests(route, known_values))
    def check(request):
        method, path, query_string, headers = request
        client.cookies.clear()  # each request stands alone
        with transaction.atomic():
            response = client.generic(method, path, QUERY_STRING=query_string, headers=headers)
            # A failed query must not leave the test's transaction aborted for the next one.
            transaction.set_rollback(True)
        assert response.status_code < 500, (method, path, query_string, headers)
        if method not in READ_METHODS:
            assert response.status_code == 405

    check()


def test_every_public_route_is_fuzzed():
    names = {str(route) for route in ROUTES}
    assert {"home", "healthz", "articles:detail", "timeline:measure"} <= names
    assert not any(route.route.startswith("admin/") for route in ROUTES)


@pytest.mark.parametrize("route", [r for r in ROUTES if r.converters], ids=str)
def test_an_unknown_record_gets_a_helpful_404(client, route):
    response = client.get(route.fill(["no-such-record"] * len(route.converters)))
    assert response.status_code == 404
    if response["Content-Type"].startswith("application/json"):
        assert "no-such-record" in response.json()["error"], "the API says what it did not find"
    else:
        assert_helpful_404_page(response)


def test_a_well_formed_but_unknown_celex_number_gets_a_helpful_404(client):
    make_sample_dossier()
    response = client.get(reverse("timeline:measure_by_celex", args=["32099R9999"]))
    assert response.status_code == 404
    assert_helpful_404_page(response)


def assert_helpful_404_page(response) -> None:
    html = response.content.decode()
    assert "<h1" in html, "the site's own page, not a bare error"
    assert 'href="/"' in html, "a way back into the dossier"


LOGIN_FIELDS = ("username", "password", "next", "csrfmiddlewaretoken", "this_is_the_login_form")


@given(fields=st.dictionaries(st.sampled_from(LOGIN_FIELDS), TEXT, min_size=1))
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_login_attempt_gets_a_server_error(fields):
    """The admin's login form with anything in its fields, lockouts (django-axes) included."""
    client = Client()
    login = f"/{django_settings.ADMIN_PATH}login/"
    response = client.post(login, {name: as_sent(value) for name, value in fields.items()})
    assert response.status_code < 500, fields


def test_a_username_longer_than_the_lockout_record_is_a_failed_login(client):
    login = f"/{django_settings.ADMIN_PATH}login/"
    for attempt in range(django_settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(login, {"username": "e" * 300, "password": f"guess {attempt}"})
        assert response.status_code in (200, 429), response.status_code
    assert response.status_code == 429, "locked out like any other username"
