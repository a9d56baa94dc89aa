"""Readers never see a draft; editors see it under a clear banner."""

import pytest
from django.test import Client

from tests.support.admin_helpers import make_editor
from tests.support.factories import (
    make_article,
    make_measure,
    make_milestone,
    make_organisation,
    make_person,
)

pytestmark = pytest.mark.django_db

DRAFT_BUILDERS = [make_measure, make_article, make_organisation, make_person]


@pytest.mark.parametrize("make", DRAFT_BUILDERS)
def test_readers_get_404_for_a_draft(client, make):
    draft = make(is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("make", DRAFT_BUILDERS)
def test_editors_see_a_draft_under_a_banner(client, make):
    draft = make(is_published=False)
    client.force_login(make_editor())
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert 'class="draft-banner"' in page.content.decode()


def test_published_pages_have_no_banner_even_for_editors(client):
    measure = make_measure()
    client.force_login(make_editor())
    assert "draft-banner" not in client.get(measure.get_absolute_url()).content.decode()


def test_readers_and_editors_each_keep_their_own_measure_page(client):
    """Asked in turn, readers and editors each get their own page: the draft milestone for
    editors only."""
    measure = make_measure()
    make_milestone(measure, title="A position not yet public", is_published=False)
    editor = Client()
    editor.force_login(make_editor())
    for _ in range(2):
        assert (
            "A position not yet public"
            not in client.get(measure.get_absolute_url()).content.decode()
        )
        page = editor.get(measure.get_absolute_url()).content.decode()
        assert "A position not yet public <strong>(draft)</strong>" in page
