"""The finishing touches of issue 15, point 9, on the real dossier: a favicon, an index of
people, the directory grouped by kind with counts, titles without their kind repeated, profile
links that read as names, and the reading time of an article."""

import re

import pytest
from django.contrib.staticfiles import finders

from organisations.models import Organisation, Person

pytestmark = pytest.mark.django_db


def test_every_page_names_a_favicon_in_svg_and_ico_and_both_exist(client, dossier):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico" sizes="32x32">' in html
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    with open(finders.find("favicon.ico"), "rb") as ico:
        assert ico.read(4) == b"\x00\x00\x01\x00"  # an icon resource
    with open(finders.find("favicon.svg")) as svg:
        assert svg.read().startswith("<svg")


def test_favicon_ico_at_the_root_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"


def test_the_people_index_lists_everyone_published_by_name_with_their_roles(client, dossier):
    html = client.get("/organisations/people/").content.decode()
    names = re.findall(r'class="people-list__name" href="[^"]+">([^<]+)</a>', html)
    published = list(Person.objects.published().values_list("name", flat=True))
    assert names == sorted(published)
    assert len(names) == 3
    assert "Eurochild" in html  # Fabiola Bas Palomares's organisation


def test_the_directory_is_grouped_by_kind_with_counts(client, dossier):
    html = client.get("/organisations/").content.decode()
    headings = re.findall(r'<h2 id="([^"]+)" class="kind-title">([^<]+) <span', html)
    labels = dict(Organisation.Kind.choices)
    order = list(labels)
    assert [kind for kind, _ in headings] == sorted((k for k, _ in headings), key=order.index)
    total = 0
    for kind, label in headings:
        count = Organisation.objects.published().filter(kind=kind).count()
        assert f'{label} <span class="muted">({count})</span>' in html
        total += count
    assert total == Organisation.objects.published().count()
    assert 'href="/organisations/people/"' in html


def test_the_articles_index_does_not_repeat_the_kind_as_the_title(client, dossier):
    html = client.get("/articles/").content.decode()
    assert not re.search(r'<p class="eyebrow">Editorial[^<]*</p>\s*<a[^>]*>Editorial<', html)
    assert '<p class="eyebrow">Article</p>' in html


def test_a_profile_link_reads_as_the_person_s_name_and_site(client, dossier):
    html = client.get("/organisations/people/rhiannon-faye-mcdonald/").content.decode()
    link = re.search(r'Profile: <a href="([^"]+)" rel="noreferrer">([^<]+)</a>', html)
    assert "originalSubdomain" in link.group(1)
    assert link.group(2) == "Rhiannon-Faye McDonald on linkedin.com"


@pytest.mark.parametrize(
    ("slug", "minutes"), [("editorial", 2), ("introduction", 11), ("interview", 5)]
)
def test_an_article_says_how_long_it_takes_to_read(client, dossier, slug, minutes):
    html = client.get(f"/articles/{slug}/").content.decode()
    assert f'<p class="reading-time">About {minutes} minutes to read</p>' in html
