"""Two editors in two browsers open the same measure; the second save is refused with who
changed it and what, and the second editor's text is still in the form to reconcile."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.admin_helpers import make_editor
from tests.support.factories import make_measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def editor_page(browser: Browser, base: str, username: str) -> Page:
    make_editor(username)  # password "not-used"
    page = browser.new_context().new_page()
    page.goto(f"{base}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("not-used")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Measures").first).to_be_visible()
    return page


def test_two_editors_the_second_save_is_refused_and_keeps_her_input(
    browser: Browser, live_server, artifacts_dir
):
    measure = make_measure(short_title="CSA Regulation", status="in-negotiation")
    change_url = f"{live_server.url}/admin/timeline/measure/{measure.pk}/change/"
    anna = editor_page(browser, live_server.url, "anna")
    ben = editor_page(browser, live_server.url, "ben")
    anna.goto(change_url)
    ben.goto(change_url)

    ben.get_by_label("Status:", exact=True).select_option(label="Adopted")
    ben.get_by_role("button", name="Save and continue editing").first.click()
    expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")

    anna.get_by_label("Status text:").fill("agreed in trilogue")
    anna.get_by_role("button", name="Save and continue editing").first.click()
    expect(anna.locator(".errornote, .errorlist").first).to_be_visible()
    expect(anna.locator(".errorlist").first).to_contain_text("ben changed this record on")
    expect(anna.locator(".errorlist").first).to_contain_text("Status: “In negotiation” → “Adopted”")
    expect(anna.get_by_label("Status text:")).to_have_value("agreed in trilogue")
    anna.screenshot(path=artifacts_dir / "editor-conflict.png", full_page=True)

    anna.get_by_label("Status:", exact=True).select_option(label="Adopted")
    anna.get_by_role("button", name="Save and continue editing").first.click()
    expect(anna.locator(".messagelist")).to_contain_text("was changed successfully")
    measure.refresh_from_db()
    assert (measure.status, measure.status_text) == ("adopted", "agreed in trilogue")
