"""The timeline in Chromium at phone and desktop width: each card shows the reference as printed
and the status with its date; the filters offer only values with entries, with counts, and each
is also a plain link that keeps the other filters."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])


@SIZES
def test_a_card_shows_the_reference_and_the_status_with_its_date(site, page: Page, size):
    page.set_viewport_size(size)
    page.goto(site + "/timeline/")
    card = page.locator(".card").filter(has=page.get_by_role("link", name="CSA Regulation"))
    expect(card.locator(".card__reference")).to_have_text("COM(2022) 209 final")
    expect(card.locator(".card__reference")).to_be_visible()
    expect(card.locator(".status")).to_have_text("Status: In negotiation")
    expect(card.locator(".status__as-of")).to_have_text("(status: October 2025)")


@SIZES
def test_menus_offer_only_values_with_entries_with_counts(site, page: Page, size):
    page.set_viewport_size(size)
    page.goto(site + "/timeline/")
    kinds = page.get_by_role("combobox", name="Kind").locator("option")
    expect(kinds).to_contain_text(["All kinds", "Framework decision (1)", "Directive (2)"])
    expect(kinds.filter(has_text=re.compile(r"^Regulation"))).to_have_count(0)
    statuses = page.get_by_role("combobox", name="Status").locator("option")
    expect(statuses.filter(has_text="Adopted")).to_have_count(0)
    # The form still combines them.
    page.get_by_role("combobox", name="Kind").select_option("proposed-directive")
    page.get_by_role("combobox", name="Issued by").select_option("eu")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"kind=proposed-directive&body=eu"))
    expect(page.locator(".result-count")).to_have_text("4 entries match the filters.")


@SIZES
def test_each_filter_is_a_plain_link_and_links_combine(site, page: Page, artifacts_dir, size):
    page.set_viewport_size(size)
    page.goto(site + "/timeline/")
    links = page.get_by_role("navigation", name="Filters as links")
    page.locator("form.filters, .filter-links").last.screenshot(
        path=artifacts_dir / f"timeline-filter-links-{size['width']}.png"
    )
    links.get_by_role("link", name="Convention (3)").click()
    expect(page).to_have_url(site + "/timeline/?kind=convention")
    expect(page.locator(".result-count")).to_have_text("3 entries match the filters.")
    expect(links.get_by_role("link", name="Convention (3)")).to_have_attribute(
        "aria-current", "true"
    )
    links.get_by_role("link", name="In force (3)").click()
    expect(page).to_have_url(site + "/timeline/?kind=convention&status=in-force")
    expect(page.get_by_role("combobox", name="Kind")).to_have_value("convention")
    expect(page.get_by_role("combobox", name="Status")).to_have_value("in-force")
    expect(page.locator(".result-count")).to_have_text("3 entries match the filters.")
    links.get_by_role("link", name="All kinds").click()
    expect(page).to_have_url(site + "/timeline/?status=in-force")
    expect(page.locator(".result-count")).to_have_text("5 entries match the filters.")
    for link in links.get_by_role("link").all():
        box = link.bounding_box()
        assert box["height"] >= 24, link.inner_text()
