"""On paper, in Chromium's print emulation: links to other sites print their address, links
within the portal print none (a relative path means nothing on paper), no control prints, the
citation's address prints once; and the whole dossier on one page prints, or saves as a PDF,
with one contents list."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AFTER = "e => getComputedStyle(e, '::after').content"


@pytest.fixture(params=[{"width": 360, "height": 740}, {"width": 1280, "height": 900}])
def paper(request, page: Page, site):
    page.set_viewport_size(request.param)
    return page


def test_only_outside_addresses_print_and_no_control_does(site, paper: Page):
    paper.goto(site + "/timeline/csa-regulation/")
    paper.emulate_media(media="print")
    outside = paper.locator("main a[href^='https://eur-lex']").first
    assert "https://eur-lex.europa.eu/" in outside.evaluate(AFTER)
    inside = paper.locator("main a[href^='/']")
    assert inside.count() > 0
    assert set(inside.evaluate_all(f"links => links.map({AFTER})")) == {"none"}
    for control in ("button", "summary", ".milestones__links", ".cite__bibtex"):
        for element in paper.locator(control).all():
            expect(element).to_be_hidden()


def test_the_citation_prints_its_address_once(site, paper: Page):
    paper.goto(site + "/articles/introduction/")
    paper.emulate_media(media="print")
    citation = paper.locator(".cite__plain")
    address = citation.locator("a").get_attribute("href")
    assert citation.inner_text().count(address) == 1
    assert citation.locator("a").evaluate(AFTER) == "none"


def test_the_whole_dossier_is_one_page_in_reading_order_with_one_contents_list(site, paper):
    paper.goto(site + "/")
    paper.get_by_role("link", name="The whole dossier on one page, to read or print").click()
    expect(paper).to_have_url(site + "/dossier/")
    contents = paper.locator("nav.dossier-contents li a")
    targets = [
        href.removeprefix("#")
        for href in contents.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    ]
    assert targets[:3] == ["editorial", "introduction", "interview"]
    assert targets[-2:] == ["timeline", "organisations"]
    for target in targets:
        expect(paper.locator(f"[id='{target}']")).to_have_count(1)
    ids = paper.locator("[id]").evaluate_all("es => es.map(e => e.id)")
    assert len(ids) == len(set(ids)), "every id once on the page"
    expect(paper.locator("nav.dossier-contents")).to_have_count(1)
    expect(paper.locator(".toc")).to_have_count(0)  # no article's own contents list
    paper.emulate_media(media="print")
    expect(paper.locator("nav.dossier-contents")).to_be_visible()
    expect(paper.locator("main")).to_contain_text("Lanzarote")
    expect(paper.locator("main")).to_contain_text(re.compile("ECPAT"))


def test_the_whole_dossier_saves_as_a_pdf(site, page: Page):
    page.goto(site + "/dossier/")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) > 20  # every part starts a page
