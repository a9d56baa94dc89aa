"""A reader in need searches in Chromium, at phone and desktop width (issue 15, point 6): words
for help bring the Get help services first, in view, and a reader's word finds the dossier's."""

import importlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
# What migrate seeds besides the dossier (a transactional test's flush removes it).
SEEDS = {
    "organisations.migrations.0004_seed_help_resources": "add_resources",
    "organisations.migrations.0007_search_synonyms": "add_first_synonym",
}


@pytest.fixture
def seeded(site):
    from django.apps import apps  # the registry, as a migration function is given one

    for module, function in SEEDS.items():
        getattr(importlib.import_module(module), function)(apps, None)
    return site


def search_for(page: Page, site: str, words: str) -> None:
    page.goto(site + "/search/")
    page.get_by_label("Search the dossier").fill(words)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=*")


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_reader_looking_for_a_helpline_reaches_the_service(seeded, page: Page, viewport):
    page.set_viewport_size(viewport)
    search_for(page, seeded, "helpline")
    help_section = page.locator(".search-help")
    expect(help_section.get_by_role("link", name="Get help")).to_be_in_viewport()
    assert Axe().run(page).violations_count == 0
    help_section.get_by_role("link", name="116 111", exact=True).first.click()
    page.wait_for_url("**/help/#116-111-child-helplines")
    expect(page.locator('[id="116-111-child-helplines"]')).to_be_in_viewport()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_reader_s_word_finds_the_dossier_s_words(seeded, page: Page, viewport):
    page.set_viewport_size(viewport)
    search_for(page, seeded, "sextortion")
    expect(page.locator(".also-searched")).to_contain_text('"sexual extortion"')
    expect(page.locator(".search-hit mark").first).to_have_text("sexual", ignore_case=True)
    assert Axe().run(page).violations_count == 0
