"""Editors at work in the admin: lists, search, filters, forms, inlines, "view on site", and a
saved change showing on the public page at once."""

import pytest
from django.urls import reverse

from organisations.models import Organisation
from tests.support.admin_helpers import change_form_data, empty_inlines, make_editor
from tests.support.factories import make_article, make_measure, make_milestone, make_organisation
from timeline.models import Measure, Milestone

pytestmark = pytest.mark.django_db

MEASURE_INLINES = ("milestones", "documents")


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def post_measure(client, measure, **changes):
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    data = {**change_form_data(measure, **changes), **empty_inlines(*MEASURE_INLINES)}
    return client.post(url, data)


def test_measure_list_has_useful_columns_search_and_filters(editor_client):
    make_measure(short_title="CSA Regulation", status="in-negotiation", celex="52022PC0209")
    make_measure(short_title="CSA Directive", kind="directive", status="in-force")
    url = reverse("admin:timeline_measure_changelist")

    page = editor_client.get(url).content.decode()
    for column in ("Short title", "Kind", "Issuing body", "Status", "CELEX number", "Published"):
        assert column in page

    found = editor_client.get(url, {"q": "52022PC0209"}).content.decode()
    assert "CSA Regulation" in found
    assert "CSA Directive" not in found

    filtered = editor_client.get(url, {"status__exact": "in-force"}).content.decode()
    assert "CSA Directive" in filtered
    assert "CSA Regulation" not in filtered


def test_organisations_are_listed_in_dossier_order(editor_client):
    make_organisation(name="Zeta network", position=1)
    make_organisation(name="Alpha alliance", position=2)
    page = editor_client.get(reverse("admin:organisations_organisation_changelist")).content
    assert page.index(b"Zeta network") < page.index(b"Alpha alliance")


def test_measure_form_prepopulates_the_slug_and_shows_its_milestones(editor_client):
    measure = make_measure()
    make_milestone(measure, title="Council position agreed")
    add_page = editor_client.get(reverse("admin:timeline_measure_add")).content.decode()
    assert "prepopulated_fields" in add_page or "data-prepopulated-fields" in add_page

    change_page = editor_client.get(
        reverse("admin:timeline_measure_change", args=[measure.pk])
    ).content.decode()
    assert "Council position agreed" in change_page
    assert "Document links" in change_page


def test_view_on_site_leads_to_the_page_on_this_host(editor_client):
    measure = make_measure(slug="csa-regulation")
    page = editor_client.get(reverse("admin:timeline_measure_change", args=[measure.pk]))
    assert b'href="/timeline/csa-regulation/"' in page.content


def test_editor_moves_a_status_on_and_readers_see_it_at_once(client):
    measure = make_measure(status="in-negotiation", summary="Negotiations continue.")
    client.get(measure.get_absolute_url())  # a reader's visit may have been cached
    editor = make_editor()
    client.force_login(editor)

    response = post_measure(client, measure, status="adopted", summary="Adopted in *2026*.")

    assert response.status_code == 302
    client.logout()
    assert Measure.objects.get(pk=measure.pk).status == "adopted"
    assert "Adopted in <em>2026</em>." in client.get(measure.get_absolute_url()).content.decode()


def test_editor_adds_a_milestone_inline(editor_client):
    measure = make_measure()
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    data = {
        **change_form_data(measure),
        **empty_inlines("documents"),
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-date": "2025-06-23",
        "milestones-0-date_precision": "day",
        "milestones-0-title": "Trilogue begins",
        "milestones-0-slug": "trilogue-begins",
        "milestones-0-is_published": "on",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert Milestone.objects.get(measure=measure).title == "Trilogue begins"


def test_every_admin_page_answers_for_an_editor(editor_client):
    """List, search, add and change pages of every content admin, with data present."""
    measure = make_measure()
    make_milestone(measure)
    make_organisation()
    make_article()
    for name in (
        "timeline_measure",
        "timeline_milestone",
        "organisations_organisation",
        "organisations_person",
        "organisations_helpresource",
        "articles_article",
        "articles_keyfigure",
        "articles_interviewquestion",
    ):
        assert editor_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
        assert editor_client.get(reverse(f"admin:{name}_changelist"), {"q": "x"}).status_code == 200
        assert editor_client.get(reverse(f"admin:{name}_add")).status_code == 200


def test_organisation_change_page_answers(editor_client):
    organisation = make_organisation()
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    assert editor_client.get(url).status_code == 200
    data = {**change_form_data(organisation, name="Renamed"), **empty_inlines("links")}
    assert editor_client.post(url, data).status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).name == "Renamed"
