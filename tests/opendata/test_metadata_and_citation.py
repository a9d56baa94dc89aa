"""Every page says what its one URL is; detail pages describe themselves in schema.org JSON-LD
and OpenGraph; measures and articles say how to cite them."""

import json
import re

import pytest
from django.utils import timezone

from articles.models import Contribution
from tests.support.factories import make_article, make_measure, make_organisation, make_person
from timeline.models import Measure

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def canonical(response) -> str:
    (url,) = re.findall(r'<link rel="canonical" href="([^"]+)">', response.content.decode())
    return url


def json_ld(response) -> dict:
    (text,) = JSON_LD.findall(response.content.decode())
    return json.loads(text)


def og(response, name) -> str:
    pattern = rf'<meta property="og:{name}" content="([^"]*)">'
    (value,) = re.findall(pattern, response.content.decode())
    return value


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "http://testserver/"),
        ("/timeline/?status=in-force", "http://testserver/timeline/"),
        ("/organisations/", "http://testserver/organisations/"),
        ("/search/?q=abuse&page=2", "http://testserver/search/"),
        ("/timeline/ref/", "http://testserver/timeline/ref/"),
    ],
)
def test_every_page_names_its_canonical_url_without_the_query(client, path, expected):
    assert canonical(client.get(path)) == expected


def test_a_measure_is_schema_org_legislation(client):
    make_measure(
        slug="csa-directive-2011",
        short_title="CSA Directive",
        aliases="Directive 2011/93/EU",
        title="Directive 2011/93/EU on combating the sexual abuse of children",
        reference="Directive 2011/93/EU",
        celex="32011L0093",
        status=Measure.Status.IN_FORCE,
        summary="Sets **minimum rules**.",
    )
    response = client.get("/timeline/csa-directive-2011/")
    data = json_ld(response)
    assert data["@type"] == "Legislation"
    assert data["url"] == canonical(response) == "http://testserver/timeline/csa-directive-2011/"
    assert data["legislationIdentifier"] == "32011L0093"
    assert data["identifier"] == ["32011L0093", "Directive 2011/93/EU"]
    assert data["alternateName"] == ["CSA Directive", "Directive 2011/93/EU"]
    assert data["legislationDate"] == "2022-05-11"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"
    assert data["sameAs"] == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0093"
    assert data["description"] == "Sets minimum rules."
    assert og(response, "type") == "article"
    assert og(response, "title") == "CSA Directive"
    assert og(response, "url") == canonical(response)


def test_an_article_names_its_authors(client):
    article = make_article(slug="editorial", title="Editorial", standfirst="Why this dossier.")
    author = make_person(name="Jane Doe")
    Contribution.objects.create(article=article, person=author, role="author")
    data = json_ld(client.get("/articles/editorial/"))
    assert data["@type"] == "Article"
    assert data["headline"] == "Editorial"
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"}]
    assert data["description"] == "Why this dossier."


def test_organisations_and_people_describe_themselves(client):
    organisation = make_organisation(
        name="ECPAT International", acronym="ECPAT", website="https://ecpat.org/"
    )
    person = make_person(name="Jane Doe", profile_url="https://example.org/jane")
    organisation_data = json_ld(client.get(organisation.get_absolute_url()))
    assert organisation_data["@type"] == "Organization"
    assert organisation_data["alternateName"] == "ECPAT"
    assert organisation_data["sameAs"] == "https://ecpat.org/"
    person_data = json_ld(client.get(person.get_absolute_url()))
    assert person_data["@type"] == "Person"
    assert person_data["sameAs"] == "https://example.org/jane"


def test_the_home_page_describes_the_site_and_its_search(client):
    data = json_ld(client.get("/"))
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"] == "http://testserver/search/?q={query}"


def test_json_ld_cannot_end_its_script_element(client):
    measure = make_measure(title="</script><script>alert(1)</script> & <!--")
    response = client.get(measure.get_absolute_url())
    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)["name"] == "</script><script>alert(1)</script> & <!--"


def test_a_measure_can_be_cited_as_text_and_bibtex(client):
    measure = make_measure(
        slug="csa-regulation",
        title="Proposal for a regulation laying down rules to combat child sexual abuse",
        reference="COM(2022) 209 final",
    )
    page = client.get("/timeline/csa-regulation/").content.decode()
    today = timezone.localdate()
    assert "Cite this" in page
    assert (
        "Observatory for Sociopolitical Developments in Europe (2025): Proposal for a regulation "
        "laying down rules to combat child sexual abuse, COM(2022) 209 final. In: Observatory "
        "for Sociopolitical Developments in Europe, Dossier 1 | 2025. "
        '<a href="http://testserver/timeline/csa-regulation/"'
    ) in page
    # A factory's record counts as an editor's: it carries the day of that change.
    edited = timezone.localdate(measure.edited_at)
    assert (
        f"(last updated {edited.day} {edited:%B %Y}; accessed {today.day} {today:%B %Y})." in page
    )
    assert "@misc{measure:csa-regulation," in page
    assert "  author = {{Observatory for Sociopolitical Developments in Europe}}," in page
    assert "  url = {http://testserver/timeline/csa-regulation/}," in page
    assert f"  urldate = {{{today.isoformat()}}}," in page
    assert f"  note = {{Last updated {edited.isoformat()}}}" in page


def test_an_article_is_cited_by_its_authors_with_bibtex_escaped(client):
    article = make_article(slug="interview", title="Safety & privacy: 100% both?")
    for name in ("Jane Doe", "Kim Lee"):
        Contribution.objects.create(article=article, person=make_person(name=name), role="author")
    page = client.get("/articles/interview/").content.decode()
    assert "Jane Doe, Kim Lee (2025): Safety &amp; privacy: 100% both?." in page
    assert "  author = {Jane Doe and Kim Lee}," in page
    assert r"  title = {{Safety \&amp; privacy: 100\% both?}}," in page
