"""Reading a page as a person would, and what rendering it costs."""

import html as html_lib
import re

from django.core.cache import cache

# The benchmark's budget for any public page, uncached, for an anonymous reader: the page's
# record, a query for each related list (Prefetch) and each kind of record mentioning it, and
# the content version the page cache reads (twice: before the view and to store the page). The
# measure page, with the most lists, uses all ten. It does not grow with the lists
# (tests/site/test_scale.py).
QUERY_BUDGET = 10


def text_of(response) -> str:
    """The page's visible words, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def within_budget(client, url, django_assert_max_num_queries):
    """Render `url` as the first reader to ask for it, and count every query of the request.
    The first request fills Django's per-process content type cache, as any earlier request
    would in production; the page cache is then emptied, so the view itself is measured (it
    ignores a query parameter the page does not read)."""
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(url)
    assert response.status_code == 200
    return response
