"""Links typed by hand in Markdown (the key-measures table's `(/timeline/<slug>/)`) are mentions
like the names the portal links itself: "where it is used" lists them, they follow a renamed
target, they show as plain text while readers cannot open the target, and come back with it.
Re-rendering waits for the commit: each action here runs its on-commit callbacks."""

import html
import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from dossier_portal.content import crosslinks
from dossier_portal.content.models import Mention
from organisations.models import Organisation, Person
from tests.support.admin_helpers import change_form_data, empty_inlines, make_editor
from tests.support.commits import committed
from tests.support.factories import make_article, make_measure, make_person
from tests.support.form_reader import form_data
from tests.support.public_urls import public_routes
from timeline.models import Measure

pytestmark = pytest.mark.django_db

TYPED = "[the regulation](/timeline/csa/)"


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def post_measure(client, measure, **changes):
    url = reverse("admin:timeline_measure_change", args=[measure.pk])
    data = {**change_form_data(measure, **changes), **empty_inlines("milestones", "documents")}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def delete_measure(client, measure):
    url = reverse("admin:timeline_measure_delete", args=[measure.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302


def restore_measure(client, measure):
    deletion = Version.objects.get_deleted(Measure).get(object_id=str(measure.pk))
    url = reverse("admin:timeline_measure_recover", args=[deletion.pk])
    assert (
        client.post(url, form_data(client.get(url).content.decode(), "measure_form")).status_code
        == 302
    )


def html_of(article) -> str:
    article.refresh_from_db()
    return article.body_html


def test_a_typed_link_is_a_mention_listed_where_the_measure_is_used(editor_client):
    measure = make_measure(short_title="Unnamed here", slug="csa")
    article = make_article(title="The long road", body=f"## Law\n\nSee {TYPED}.")

    mention = Mention.objects.of(measure).get()
    assert (mention.href, mention.anchor) == ("/timeline/csa/", "law")
    page = editor_client.get(reverse("admin:timeline_measure_change", args=[measure.pk]))
    assert "Mentioned in article “The long road”, section “Law”" in page.content.decode()
    assert 'href="/timeline/csa/"' in article.body_html


def test_a_renamed_slug_is_followed_and_the_text_stays_as_typed(editor_client):
    measure = make_measure(slug="csa")
    article = make_article(body=f"See {TYPED}.")
    versions = Version.objects.get_for_object(article).count()

    with committed():
        post_measure(editor_client, measure, slug="csa-regulation")

    assert 'href="/timeline/csa-regulation/"' in html_of(article)
    assert article.body == f"See {TYPED}."
    assert Version.objects.get_for_object(article).count() == versions, "re-rendering is no change"
    assert Mention.objects.of(measure).get().href == "/timeline/csa/"
    # Rendered again later (another change), the old address still leads to the record.
    with committed():
        crosslinks.rerender_linking_texts()
    assert 'href="/timeline/csa-regulation/"' in html_of(article)


def test_unpublished_it_is_plain_text_and_republished_a_link_again(editor_client):
    measure = make_measure(slug="csa")
    article = make_article(body=f"See {TYPED}.")

    with committed():
        post_measure(editor_client, measure, is_published="", confirm_unpublish="on")
    assert html_of(article) == "<p>See the regulation.</p>"
    assert Mention.objects.of(measure).exists(), "still listed where the draft is used"

    with committed():
        post_measure(editor_client, measure, is_published="on")
    assert 'href="/timeline/csa/"' in html_of(article)


def test_deleted_it_is_plain_text_and_restored_a_link_again(editor_client):
    measure = make_measure(slug="csa")
    article = make_article(body=f"See {TYPED}.")

    with committed():
        delete_measure(editor_client, measure)
    assert html_of(article) == "<p>See the regulation.</p>"

    with committed():
        restore_measure(editor_client, measure)
    assert 'href="/timeline/csa/"' in html_of(article)


def test_a_link_to_a_draft_is_plain_text_until_it_is_published():
    person = make_person(slug="jane", is_published=False)
    article = make_article(body="Ask [*Jane*](/organisations/people/jane/#bio).")
    assert html_of(article) == "<p>Ask <em>Jane</em>.</p>"

    person.is_published = True
    with committed():
        person.save()
    assert 'href="/organisations/people/jane/#bio"' in html_of(article)


def test_a_renamed_article_is_followed_from_an_absolute_link_on_the_sites_host():
    target = make_article(slug="intro")
    article = make_article(body="Read [the introduction](http://localhost/articles/intro).")
    assert 'href="/articles/intro/"' in html_of(article)

    target.slug = "introduction"
    with committed():
        target.save()
    assert 'href="/articles/introduction/"' in html_of(article)


def test_other_links_are_left_as_typed_and_a_missing_page_is_plain_text():
    article = make_article(
        body="[All](/timeline/?kind=directive), [out](https://example.org/timeline/x/), "
        "[none](/timeline/no-such-measure/), [files](/static/x.pdf)."
    )
    rendered = html_of(article)
    assert 'href="/timeline/?kind=directive"' in rendered
    assert 'href="https://example.org/timeline/x/"' in rendered
    assert "none" in rendered
    assert "no-such-measure" not in rendered
    assert 'href="/static/x.pdf"' in rendered


def test_renaming_renders_only_the_texts_that_link_to_it_once_with_links_read_once(editor_client):
    measure = make_measure(slug="csa", short_title="Unnamed here")
    linking = [make_article(body=f"See {TYPED} and {TYPED}.") for _ in range(2)]
    make_article(body="Nothing to see.")
    with committed():
        pass  # the setup's own renders, before counting
    rendered = []
    render_body = Article.render_body

    def counting(article, links=None):
        rendered.append(article.pk)
        return render_body(article, links)

    with (
        mock.patch.object(Article, "render_body", counting),
        mock.patch.object(crosslinks, "current_links", wraps=crosslinks.current_links) as read,
        committed(),
    ):
        post_measure(editor_client, measure, slug="csa-regulation")

    assert sorted(rendered) == sorted(article.pk for article in linking)
    assert read.call_count == 1


# Readers never meet an internal link that answers 404, whatever editors do.


def public_pages() -> list[str]:
    fixed = [route.fill([]) for route in public_routes() if not route.converters]
    records = [
        record
        for model in (Measure, Organisation, Person, Article)
        for record in model.objects.published()
    ]
    return fixed + [record.get_absolute_url() for record in records]


def broken_internal_links() -> list[str]:
    """Every internal link on every public page that answers 404 (after its redirects)."""
    client = Client()
    links, status = set(), {}
    for page in public_pages():
        response = client.get(page)
        status[page] = response.status_code
        if response.status_code == 200 and "html" in response["Content-Type"]:
            links |= set(re.findall(r'href="(/[^"#]*)', html.unescape(response.content.decode())))
    for link in links - status.keys():
        if not link.startswith("/static/"):
            status[link] = client.get(link, follow=True).status_code
    return sorted(link for link in links if status.get(link) == 404)


def test_no_internal_link_answers_404_after_a_rename_unpublish_delete_or_restore(
    dossier, editor_client
):
    introduction = Article.objects.get(slug="introduction")
    assert "(/timeline/csa-regulation/)" in introduction.body
    assert broken_internal_links() == []
    measure = Measure.objects.get(slug="csa-regulation")

    with committed():
        post_measure(editor_client, measure, slug="csa-regulation-2022")
    assert 'href="/timeline/csa-regulation-2022/"' in html_of(introduction)
    assert broken_internal_links() == []

    measure.refresh_from_db()
    with committed():
        post_measure(editor_client, measure, is_published="", confirm_unpublish="on")
    assert "/timeline/csa-regulation" not in html_of(introduction)
    assert broken_internal_links() == []

    measure.refresh_from_db()
    with committed():
        post_measure(editor_client, measure, is_published="on")
    with committed():
        delete_measure(editor_client, measure)
    assert "/timeline/csa-regulation" not in html_of(introduction)
    assert broken_internal_links() == []

    with committed():
        restore_measure(editor_client, measure)
    assert 'href="/timeline/csa-regulation-2022/"' in html_of(introduction)
    assert broken_internal_links() == []
