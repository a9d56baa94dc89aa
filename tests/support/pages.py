"""Reading a page as a person would, and what rendering it costs."""

import html as html_lib
import re

# The benchmark's budget for any public page, uncached, for an anonymous reader: the page's
# record, a query for each related list (Prefetch) and each kind of record mentioning it, and
# the content version the page cache reads. It does not grow with the lists (test_scale.py).
QUERY_BUDGET = 9


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
    would in production; a query string the page ignores makes each request miss the page
    cache, so the view itself is measured."""
    separator = "&" if "?" in url else "?"
    client.get(f"{url}{separator}warm-up")
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(f"{url}{separator}first-reader")
    assert response.status_code == 200
    return response
