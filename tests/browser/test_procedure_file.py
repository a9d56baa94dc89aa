"""A measure's page as a procedure file, in Chromium at phone and desktop width: what a reader
checks first is on the first screen, the stage track marks the current stage in words, and each
milestone's link controls are big enough to hit and copy the full address (or, without
JavaScript, are plain links to the milestone)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
# WCAG 2.2's minimum target size (2.5.8).
SMALLEST_TARGET = 24
PROPOSALS = ["/timeline/csa-regulation/", "/timeline/csa-directive-recast/"]


def box(locator) -> dict:
    return locator.evaluate("e => e.getBoundingClientRect().toJSON()")


@SIZES
@pytest.mark.parametrize("path", PROPOSALS)
def test_the_short_name_status_reference_and_celex_are_on_the_first_screen(
    site, page: Page, artifacts_dir, size, path
):
    page.set_viewport_size(size)
    page.goto(site + path)
    expect(page.locator(".content-note")).to_be_visible()  # as a first-time reader sees it
    heading = page.locator("main h1")
    expect(heading).to_have_text(re.compile(r"^CSA (Regulation|Directive \(recast\))$"))
    expect(page.locator(".measure__title")).to_contain_text("of the European Parliament")
    header = page.locator(".measure__header")
    expect(header.locator(".status")).to_have_text("Status: In negotiation")
    expect(header.locator(".status__as-of")).to_have_text("(status: October 2025)")
    expect(header).to_contain_text(re.compile(r"Reference\s*COM\(20\d\d\) \d+ final"))
    expect(header).to_contain_text(re.compile(r"CELEX number\s*52\d{3}PC\d{4}"))
    name = f"procedure-{path.split('/')[2]}-{size['width']}"
    page.screenshot(path=artifacts_dir / f"{name}-first-screen.png")
    page.screenshot(path=artifacts_dir / f"{name}.png", full_page=True)
    for part in (".status", ".key-facts > div:nth-child(2)"):
        assert box(page.locator(f".measure__header {part}"))["bottom"] <= size["height"], part


@SIZES
def test_the_stage_track_marks_the_current_stage_in_words(site, page: Page, artifacts_dir, size):
    page.set_viewport_size(size)
    page.goto(site + "/timeline/csa-directive-recast/")
    track = page.get_by_role("list").filter(has_text="Not reported in the dossier")
    track.screenshot(path=artifacts_dir / f"procedure-stage-track-{size['width']}.png")
    stages = track.get_by_role("listitem")
    expect(stages).to_have_count(6)
    current = track.locator("[aria-current='step']")
    expect(current).to_have_count(1)
    expect(current).to_contain_text("Negotiations")
    expect(current.locator(".stage-track__current")).to_be_visible()
    expect(current.locator(".stage-track__current")).to_have_text("Latest stage reported")
    expect(stages.nth(4)).to_contain_text("Adoption Not reported in the dossier")
    current.get_by_role("link", name="23 June 2025").click()
    expect(page).to_have_url(site + "/timeline/csa-directive-recast/#negotiations-began")


@SIZES
def test_milestone_link_controls_are_at_least_24_px(site, page: Page, artifacts_dir, size):
    page.set_viewport_size(size)
    page.goto(site + "/timeline/csa-directive-recast/")
    controls = page.locator(".milestones__links a")
    expect(controls).to_have_count(6)
    shot = artifacts_dir / f"procedure-milestones-{size['width']}.png"
    page.locator(".milestones").screenshot(path=shot)
    for control in [*controls.all(), *page.locator(".measure__links a").all()]:
        expect(control).to_be_visible()
        size_of = box(control)
        assert size_of["width"] >= SMALLEST_TARGET
        assert size_of["height"] >= SMALLEST_TARGET
    link = page.get_by_role("link", name="Link to this milestone").first
    link.click()
    expect(page).to_have_url(site + "/timeline/csa-directive-recast/#council-position")


@SIZES
def test_copy_link_copies_the_full_address_and_says_so(site, browser, size):
    context = browser.new_context(viewport=size)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    page.goto(site + "/timeline/csa-regulation/")
    copy = page.get_by_role("button", name="Copy link")
    expect(copy).to_have_count(1)
    copy.click()
    address = site + "/timeline/csa-regulation/#parliament-agreement"
    status = page.locator("[data-copy-status]")
    expect(status).to_have_role("status")
    expect(status).to_have_text(f"Link copied: {address}")
    expect(status).to_be_in_viewport()
    assert page.evaluate("navigator.clipboard.readText()") == address
    expect(page).to_have_url(site + "/timeline/csa-regulation/")  # copying does not scroll away
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    # A keyboard reader presses it as a button, with Space.
    page.evaluate("navigator.clipboard.writeText('')")
    status.evaluate("e => { e.textContent = ''; }")
    copy.focus()
    page.keyboard.press("Space")
    expect(status).to_have_text(f"Link copied: {address}")
    assert page.evaluate("navigator.clipboard.readText()") == address
    expect(page).to_have_url(site + "/timeline/csa-regulation/")
    context.close()


@SIZES
def test_without_javascript_copy_link_is_a_plain_link_to_the_milestone(site, browser, size):
    context = browser.new_context(java_script_enabled=False, viewport=size)
    page = context.new_page()
    page.goto(site + "/timeline/csa-regulation/")
    copy = page.get_by_role("link", name="Copy link")
    expect(copy).to_be_visible()
    copy.click()
    expect(page).to_have_url(site + "/timeline/csa-regulation/#parliament-agreement")
    expect(page.locator("#parliament-agreement")).to_be_in_viewport()
    context.close()
