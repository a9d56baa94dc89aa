"""A measure is reachable by slug, CELEX number (any case) and reference as printed; every
way leads to its one URL. Drafts are never revealed."""

import pytest

from tests.support.factories import make_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def directive():
    return make_measure(
        slug="directive-2011-93",
        short_title="Directive 2011/93/EU",
        title="Directive 2011/93/EU on combating the sexual abuse of children",
        reference="2011/93/EU",
        celex="32011L0093",
    )


@pytest.fixture
def proposal():
    return make_measure(
        slug="csa-regulation",
        short_title="CSA Regulation",
        aliases="CSA-Regulation\n  chat control \n",
        reference="COM(2022) 209 final",
        celex="52022PC0209",
    )


@pytest.mark.parametrize("celex", ["32011L0093", "32011l0093", " 32011L0093"])
def test_celex_in_any_case_redirects_permanently_to_the_measure(client, directive, celex):
    response = client.get(f"/timeline/celex/{celex}/")
    assert response.status_code == 301
    assert response["Location"] == "/timeline/directive-2011-93/"


@pytest.mark.parametrize("celex", ["32099L0001", "not-a-celex", "x" * 500])
def test_unknown_or_malformed_celex_is_a_404(client, directive, celex):
    assert client.get(f"/timeline/celex/{celex}/").status_code == 404


def test_a_draft_is_not_found_by_celex(client):
    make_measure(celex="32011L0093", is_published=False)
    assert client.get("/timeline/celex/32011L0093/").status_code == 404


@pytest.mark.parametrize(
    ("ref", "slug"),
    [
        ("COM(2022) 209 final", "csa-regulation"),
        ("com(2022)  209   FINAL ", "csa-regulation"),
        ("52022pc0209", "csa-regulation"),
        ("CSA regulation", "csa-regulation"),
        ("Chat Control", "csa-regulation"),
        ("csa-regulation", "csa-regulation"),
        ("2011/93/EU", "directive-2011-93"),
        ("Directive 2011/93/EU", "directive-2011-93"),
        ("Council Directive 2011/93/EU", "directive-2011-93"),
        ("32011L0093", "directive-2011-93"),
    ],
)
def test_a_reference_as_printed_redirects_to_the_measure(client, directive, proposal, ref, slug):
    response = client.get("/timeline/ref/", {"ref": ref})
    assert response.status_code == 302
    assert response["Location"] == f"/timeline/{slug}/"


def test_an_unknown_reference_gets_the_form_with_a_404(client, directive):
    response = client.get("/timeline/ref/", {"ref": "COM(2099) 1 final"})
    assert response.status_code == 404
    assert "No measure in the dossier goes by that reference." in response.content.decode()


def test_a_draft_is_not_found_by_reference(client):
    make_measure(reference="COM(2022) 209 final", is_published=False)
    assert client.get("/timeline/ref/", {"ref": "COM(2022) 209 final"}).status_code == 404


def test_the_lookup_page_without_a_reference_is_a_form(client):
    response = client.get("/timeline/ref/")
    assert response.status_code == 200
    assert b'name="ref"' in response.content


@pytest.mark.parametrize("ref", ["", "   ", "a\x00b", "x" * 10_000])
def test_bad_references_get_the_form_with_a_400(client, ref):
    response = client.get("/timeline/ref/", {"ref": ref})
    assert response.status_code == 400
    assert "\x00" not in response.content.decode()


def test_a_renamed_slug_keeps_celex_and_reference_links_working(client, directive):
    directive.slug = "directive-on-child-sexual-abuse"
    directive.save()
    assert client.get("/timeline/celex/32011L0093/")["Location"] == (
        "/timeline/directive-on-child-sexual-abuse/"
    )
    assert client.get("/timeline/directive-2011-93/", follow=True).redirect_chain[-1] == (
        "/timeline/directive-on-child-sexual-abuse/",
        301,
    )


@pytest.mark.parametrize(
    ("ref", "slug"),
    [
        ("COM(2022) 209 final", "csa-regulation"),
        ("chat control", "csa-regulation"),
        ("Directive 2011/93/EU", "csa-directive-2011"),
        ("2011/93/EU", "csa-directive-2011"),
        ("Council Framework Decision 2004/68/JHA", "framework-decision-2004-68-jha"),
        ("Lanzarote Convention", "lanzarote-convention"),
    ],
)
def test_the_dossiers_own_references_lead_to_their_measures(client, dossier, ref, slug):
    assert client.get("/timeline/ref/", {"ref": ref})["Location"] == f"/timeline/{slug}/"
