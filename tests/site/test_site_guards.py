"""Guards for the whole site: every public page answers and has one <h1>; the models and the
migrations agree."""

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from organisations.models import Organisation, Person
from tests.support.public_urls import public_routes
from tests.support.reader_dossier import build_dossier
from timeline.models import Measure

pytestmark = pytest.mark.django_db


def public_urls() -> list[str]:
    """Every route without parameters, and the page of every published record."""
    fixed = [route.fill([]) for route in public_routes() if not route.converters]
    detail_pages = [
        record.get_absolute_url()
        for model in (Article, Measure, Organisation, Person)
        for record in model.objects.published()
    ]
    return fixed + detail_pages


def test_every_public_page_answers_with_exactly_one_h1(client):
    build_dossier()
    pages = 0
    for url in public_urls():
        response = client.get(url)
        if response.status_code == 302 and response["Location"].startswith(settings.STATIC_URL):
            continue  # /favicon.ico, for browsers that ask for it at the root
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            continue  # robots.txt, the health check, feeds
        pages += 1
        assert response.content.count(b"<h1") == 1, url
        assert b'<html lang="en">' in response.content, url
    assert pages >= 15


def test_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
