"""Reading a page as a person would, and what rendering it costs."""

import html as html_lib
import re

from django.test import Client

from dossier_portal.devtools.benchmark.pages import uncached_client

# The benchmark's budget for any public page, uncached, for an anonymous reader: the page's
# record, a query for each related list (Prefetch) and each kind of record mentioning it. The
# measure page, with the most lists, uses all eight. It does not grow with the lists
# (tests/site/test_scale.py). The page cache adds none while the worker's listener vouches for
# the content version, two when a request reads it (tests/site/test_page_cache.py).
QUERY_BUDGET = 8


def text_of(response) -> str:
    """The page's visible words, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def within_budget(url, django_assert_max_num_queries):
    """Render `url` as the first reader to ask for it, without the page cache, and count every
    query of the request. The first request fills Django's per-process content type cache, as
    any earlier request would in production."""
    with uncached_client():
        client = Client()
        client.get(url)
        with django_assert_max_num_queries(QUERY_BUDGET):
            response = client.get(url)
    assert response.status_code == 200
    return response
