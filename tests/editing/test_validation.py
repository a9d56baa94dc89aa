"""What editors type is checked with clear messages, and nothing they type produces a 500."""

import pytest
from django.contrib import admin
from django.contrib.redirects.models import Redirect
from django.urls import reverse

from dossier_portal.editing.editors import EDITABLE_MODELS
from tests.support.admin_helpers import change_form_data, empty_inlines, make_editor
from tests.support.factories import make_article, make_measure, make_organisation
from timeline.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def add_measure(client, **fields):
    data = {
        "short_title": "CSA Regulation",
        "title": "Proposal for a regulation laying down rules to prevent and combat CSA",
        "slug": "csa-regulation",
        "kind": "proposed-regulation",
        "body": "eu",
        "date": "2022-05-11",
        "date_precision": "day",
        "is_published": "on",
        **empty_inlines("milestones", "documents"),
        **fields,
    }
    return client.post(reverse("admin:timeline_measure_add"), data)


def errors_of(response) -> str:
    assert response.status_code == 200, "the form was expected back with its errors"
    return response.content.decode()


def test_a_valid_measure_is_saved(editor_client):
    assert add_measure(editor_client).status_code == 302
    assert Measure.objects.filter(slug="csa-regulation").exists()


def test_celex_format_is_explained(editor_client):
    page = errors_of(add_measure(editor_client, celex="2022/209"))
    assert "2022/209 is not a CELEX number: expected e.g. 32011L0093 or 52022PC0209." in page


def test_celex_in_lower_case_is_accepted_and_normalised(editor_client):
    assert add_measure(editor_client, celex=" 52022pc0209 ").status_code == 302
    assert Measure.objects.get(slug="csa-regulation").celex == "52022PC0209"


def test_a_celex_number_belongs_to_one_measure(editor_client):
    make_measure(celex="52022PC0209")
    page = errors_of(add_measure(editor_client, celex="52022PC0209"))
    assert "Another measure already has this CELEX number." in page


def test_a_date_must_match_its_precision(editor_client):
    page = errors_of(add_measure(editor_client, date="2023-11-15", date_precision="month"))
    assert "A date known only to the month is stored as the 1st of that month." in page
    page = errors_of(add_measure(editor_client, date="2017-03-01", date_precision="year"))
    assert "A date known only to the year is stored as 1 January." in page


def test_a_milestone_date_must_match_its_precision(editor_client):
    data = {
        "milestones-TOTAL_FORMS": "1",
        "milestones-0-date": "2023-11-15",
        "milestones-0-date_precision": "year",
        "milestones-0-title": "Parliament's position",
        "milestones-0-slug": "parliament-position",
    }
    page = errors_of(add_measure(editor_client, **data))
    assert "A date known only to the year is stored as 1 January." in page


def test_urls_must_be_well_formed(editor_client):
    data = {
        "documents-TOTAL_FORMS": "1",
        "documents-0-label": "EUR-Lex",
        "documents-0-url": "eur-lex dot europa",
        "documents-0-position": "0",
    }
    assert "Enter a valid URL." in errors_of(add_measure(editor_client, **data))


def test_slugs_are_unique(editor_client):
    make_measure(slug="csa-regulation")
    page = errors_of(add_measure(editor_client))
    assert "Measure with this Slug already exists." in page


def test_a_slug_another_page_answers_to_is_refused(editor_client):
    page = errors_of(add_measure(editor_client, slug="ref"))  # /timeline/ref/ is the lookup
    assert "is taken by another page of the site" in page
    assert not Measure.objects.filter(slug="ref").exists()


def test_an_old_address_is_not_given_to_another_record(editor_client):
    renamed = make_measure(slug="old-name")
    renamed.slug = "new-name"
    renamed.save()
    assert Redirect.objects.filter(old_path="/timeline/old-name/").exists()

    page = errors_of(add_measure(editor_client, slug="old-name"))
    assert "still redirects there" in page


def test_a_record_may_take_back_its_own_old_address(editor_client):
    measure = make_measure(slug="old-name")
    measure.slug = "new-name"
    measure.save()
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    data = {
        **change_form_data(measure, slug="old-name"),
        **empty_inlines("milestones", "documents"),
    }
    assert editor_client.post(url, data).status_code == 302


def test_a_measure_does_not_replace_itself(editor_client):
    measure = make_measure()
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    data = {
        **change_form_data(measure, replaces=[measure.pk]),
        **empty_inlines("milestones", "documents"),
    }
    assert "A measure cannot replace itself." in errors_of(editor_client.post(url, data))


def test_an_article_position_is_unique(editor_client):
    make_article(position=3)
    data = {
        "title": "Another article",
        "slug": "another-article",
        "kind": "article",
        "position": "3",
        **empty_inlines("contributions", "sources", "key_figures"),
    }
    page = errors_of(editor_client.post(reverse("admin:articles_article_add"), data))
    assert "Article with this Position already exists." in page


@pytest.mark.parametrize(
    "hostile",
    [
        "\x00",
        "x" * 5000,
        "<script>alert(1)</script>",
        "'; DROP TABLE timeline_measure; --",
        "🙂" * 50,
    ],
)
def test_hostile_input_never_produces_a_500(editor_client, hostile):
    make_organisation()
    response = add_measure(
        editor_client,
        short_title=hostile,
        slug=hostile,
        celex=hostile,
        date=hostile,
        reference=hostile,
        summary=hostile,
    )
    assert response.status_code in (200, 302)
    changelist = reverse("admin:timeline_measure_changelist")
    for params in (
        {"q": hostile},
        {"status__exact": hostile},
        {"o": hostile},
        {"date__gte": hostile},
    ):
        assert editor_client.get(changelist, params).status_code in (200, 302, 400)
    autocomplete = {"app_label": "timeline", "model_name": "milestone", "field_name": "measure"}
    response = editor_client.get(reverse("admin:autocomplete"), {**autocomplete, "term": hostile})
    assert response.status_code == 200


def test_a_key_figure_points_at_a_section_that_exists(editor_client):
    article = make_article(body="## The scale of abuse\n\nMillions of reports.")
    data = {
        "value": "36 million",
        "label": "reports",
        "slug": "reports",
        "sentence": "Millions of reports.",
        "article": article.pk,
        "position": "1",
        "is_published": "on",
    }
    url = reverse("admin:articles_keyfigure_add")
    page = errors_of(editor_client.post(url, {**data, "anchor": "no-such-section"}))
    assert "has no section with the anchor “no-such-section”" in page
    assert editor_client.post(url, {**data, "anchor": "the-scale-of-abuse"}).status_code == 302


def content_admins():
    return [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in EDITABLE_MODELS
    ]


@pytest.mark.parametrize("model_admin", content_admins(), ids=lambda a: a.model._meta.label)
def test_every_add_form_answers_an_empty_post_with_its_errors(editor_client, rf, model_admin):
    request = rf.get("/")
    request.user = make_editor("inline-reader")
    prefixes = [
        formset.get_default_prefix()
        for formset, _ in model_admin.get_formsets_with_inlines(request)
    ]
    opts = model_admin.model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    response = editor_client.post(url, empty_inlines(*prefixes))
    assert response.status_code == 200
    assert "Please correct the error" in response.content.decode()
