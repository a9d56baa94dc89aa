"""Links survive edits: renamed slugs redirect, and before deleting or unpublishing something
other content uses, the editor sees where it is used."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.models import Contribution
from tests.support.admin_helpers import change_form_data, empty_inlines, make_editor
from tests.support.commits import committed
from tests.support.factories import make_article, make_measure, make_organisation, make_person
from tests.support.form_reader import form_data
from timeline.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


@pytest.fixture
def mentioned_measure():
    measure = make_measure(short_title="CSA Regulation", slug="csa-regulation")
    article = make_article(
        title="The long road", body="## Where things stand\n\nThe CSA Regulation stalls."
    )
    assert 'href="/timeline/csa-regulation/"' in article.body_html
    return measure, article


def post_measure(client, measure, **changes):
    """The change form posted, and committed: texts that link to the measure render again."""
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    data = {**change_form_data(measure, **changes), **empty_inlines("milestones", "documents")}
    with committed():
        return client.post(url, data)


def test_a_renamed_slug_redirects_permanently(editor_client, client):
    measure = make_measure(slug="csa-proposal")
    assert post_measure(editor_client, measure, slug="csa-regulation").status_code == 302
    editor_client.logout()
    response = client.get("/timeline/csa-proposal/")
    assert response.status_code == 301
    assert response["Location"] == "/timeline/csa-regulation/"


def test_change_form_shows_where_a_measure_is_mentioned(editor_client, mentioned_measure):
    measure, _article = mentioned_measure
    page = editor_client.get(reverse("admin:timeline_measure_change", args=[measure.pk]))
    text = page.content.decode()
    assert "Where it is used" in text
    assert "Mentioned in article “The long road”, section “Where things stand”" in text


def test_unpublishing_a_used_measure_asks_for_confirmation(editor_client, mentioned_measure):
    measure, _article = mentioned_measure
    response = post_measure(editor_client, measure, is_published="")
    assert response.status_code == 200
    assert "is used in 1 place(s)" in response.content.decode()
    assert Measure.objects.get(pk=measure.pk).is_published


def test_confirmed_unpublishing_removes_the_links_to_it(editor_client, mentioned_measure):
    measure, article = mentioned_measure
    response = post_measure(editor_client, measure, is_published="", confirm_unpublish="on")
    assert response.status_code == 302
    article.refresh_from_db()
    assert "/timeline/csa-regulation/" not in article.body_html
    assert "The CSA Regulation stalls." in article.body_html


def test_delete_confirmation_lists_the_mentions(editor_client, mentioned_measure):
    measure, _article = mentioned_measure
    page = editor_client.get(reverse("admin:timeline_measure_delete", args=[measure.pk]))
    assert "Other content uses this." in page.content.decode()
    assert "The long road" in page.content.decode()


def test_deleting_removes_the_links_to_it(editor_client, mentioned_measure):
    measure, article = mentioned_measure
    url = reverse("admin:timeline_measure_delete", args=[measure.pk])
    with committed():
        assert editor_client.post(url, {"post": "yes"}).status_code == 302
    article.refresh_from_db()
    assert "/timeline/csa-regulation/" not in article.body_html


def test_bulk_delete_confirmation_lists_where_each_is_used(editor_client, mentioned_measure):
    measure, _ = mentioned_measure
    replacing = make_measure(short_title="Newer directive")
    replacing.replaces.add(measure)
    response = editor_client.post(
        reverse("admin:timeline_measure_changelist"),
        {"action": "delete_selected", "_selected_action": [measure.pk]},
    )
    text = response.content.decode()
    assert "Other content uses this." in text
    assert "Measure: Newer directive" in text


def test_a_person_shows_their_contributions_and_roles(editor_client):
    person = make_person(name="Jane Expert")
    organisation = make_organisation(name="ECPAT International")
    person.affiliations.create(organisation=organisation, role="Policy officer")
    article = make_article(title="Interview")
    Contribution.objects.create(article=article, person=person, role="interviewee")
    page = editor_client.get(reverse("admin:organisations_person_change", args=[person.pk]))
    text = page.content.decode()
    assert "Contribution: Jane Expert (Interviewee) in Interview" in text
    assert "Affiliation: Jane Expert: Policy officer, ECPAT International" in text


def test_reverting_to_an_unpublished_version_asks_for_confirmation_too(
    editor_client, mentioned_measure
):
    measure, article = mentioned_measure
    Measure.objects.filter(pk=measure.pk).update(is_published=False)
    measure.refresh_from_db()
    with reversion.create_revision():
        measure.save()  # a draft version in the history
    measure.is_published = True
    with reversion.create_revision():
        measure.save()
    draft = next(
        version
        for version in Version.objects.get_for_object(measure)
        if not version.field_dict["is_published"]
    )
    url = reverse("admin:timeline_measure_revision", args=[measure.pk, draft.pk])
    data = form_data(editor_client.get(url).content.decode(), "measure_form")

    response = editor_client.post(url, data)
    assert "is used in 1 place(s)" in response.content.decode()
    assert "Unpublish even though it is used" in response.content.decode()

    with committed():
        response = editor_client.post(url, {**data, "confirm_unpublish": "on"})
    assert response.status_code == 302
    assert not Measure.objects.get(pk=measure.pk).is_published
    article.refresh_from_db()
    assert "/timeline/csa-regulation/" not in article.body_html


def post_organisation(client, organisation, **changes):
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    data = {**change_form_data(organisation, **changes), **empty_inlines("links")}
    with committed():
        return client.post(url, data)


def test_publishing_an_organisation_links_the_texts_that_name_it(editor_client):
    organisation = make_organisation(name="Eurochild", slug="eurochild", is_published=False)
    article = make_article(body="## Voices\n\nEurochild consulted children.")
    assert "/organisations/eurochild/" not in article.body_html

    assert post_organisation(editor_client, organisation, is_published="on").status_code == 302

    article.refresh_from_db()
    assert 'href="/organisations/eurochild/"' in article.body_html
    assert Version.objects.get_for_object(article).count() == 1, "re-rendering is no change"


def test_renaming_a_measure_relinks_the_texts_under_its_new_name(editor_client):
    measure = make_measure(short_title="CSA proposal", slug="csa")
    article = make_article(body="## Law\n\nThe CSA Regulation and the CSA proposal.")
    assert ">CSA proposal</a>" in article.body_html

    post_measure(editor_client, measure, short_title="CSA Regulation")

    article.refresh_from_db()
    assert ">CSA Regulation</a>" in article.body_html
    assert ">CSA proposal</a>" not in article.body_html
