"""Pages cost the same number of queries whatever the size of the content: measured with a
synthetic corpus of 10 of everything, then 1,000 (make bench-scale goes to 10,000)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dossier_portal.devtools.benchmark.pages import Page, pages_to_measure_at_scale, uncached_client
from dossier_portal.devtools.benchmark.synthetic import CorpusSize, generate, remove

pytestmark = pytest.mark.django_db


def corpus(items: int) -> CorpusSize:
    return CorpusSize(
        measures=items,
        milestones_per_measure=5,
        articles=items,
        sections_per_article=2,
        organisations=items,
    )


def queries_per_page(pages: list[Page]) -> dict[str, int]:
    counts = {}
    with uncached_client():
        client = Client()
        for page in pages:
            client.get(page.url)  # fills per-process caches (content types), as in production
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.url)
            assert response.status_code == 200, page.url
            counts[page.name] = len(captured)
    return counts


def test_queries_per_page_stay_the_same_from_10_to_1000_of_everything():
    generate(corpus(10))
    pages = pages_to_measure_at_scale("child abuse")
    at_10 = queries_per_page(pages)
    generate(corpus(990))
    assert queries_per_page(pages) == at_10


def test_the_synthetic_corpus_is_marked_and_removable():
    from timeline.models import Measure

    generate(corpus(3))
    assert all(m.slug.startswith("synthetic-") for m in Measure.objects.all())
    assert all(m.title.startswith("[Synthetic]") for m in Measure.objects.all())
    remove()
    assert not Measure.objects.exists()
