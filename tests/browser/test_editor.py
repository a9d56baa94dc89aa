"""An editor's day in a real browser: log in, move a measure's status on and rename it, add a
milestone, see both on the public page, find the old address redirecting, then revert from the
history and see the earlier text again, with the parts as they were."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.support.factories import make_measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_password(tmp_path) -> str:
    password_file = tmp_path / "password"
    call_command("create_editor", "maria", password_file=password_file)
    return password_file.read_text().strip()


def log_in(page: Page, base_url: str, password: str) -> None:
    page.goto(f"{base_url}/admin/")
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Measures").first).to_be_visible()


def test_editor_changes_a_measure_and_reverts_it(
    page: Page, live_server, editor_password, artifacts_dir
):
    measure = make_measure(
        short_title="CSA Regulation",
        slug="csa-proposal",
        status="in-negotiation",
        summary="The proposal is still in negotiation.",
    )
    base = live_server.url
    log_in(page, base, editor_password)

    page.goto(f"{base}/admin/timeline/measure/{measure.pk}/change/")
    page.get_by_label("Status:", exact=True).select_option(label="Adopted")
    page.get_by_label("Slug:").fill("csa-regulation")
    page.get_by_label("Summary:").fill("The regulation was adopted.")
    expect(page.locator(".markdown-preview-output")).to_contain_text("The regulation was adopted.")
    page.get_by_role("button", name="Add another Milestone").click()
    row = page.locator("#milestones-0")
    row.locator("input[name='milestones-0-date']").fill("2026-03-01")
    row.locator("select[name='milestones-0-date_precision']").select_option("month")
    row.locator("input[name='milestones-0-title']").press_sequentially("Regulation adopted")
    expect(row.locator("input[name='milestones-0-slug']")).to_have_value("regulation-adopted")
    row.locator("input[name='milestones-0-is_published']").check()
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.screenshot(path=artifacts_dir / "editor-saved-measure.png", full_page=True)

    page.goto(f"{base}/timeline/csa-regulation/")
    expect(page.locator(".status").first).to_contain_text("Adopted")
    expect(page.get_by_text("Regulation adopted")).to_be_visible()
    expect(page.get_by_text("The regulation was adopted.")).to_be_visible()

    response = page.goto(f"{base}/timeline/csa-proposal/")
    assert response.request.redirected_from.response().status == 301
    assert page.url == f"{base}/timeline/csa-regulation/"

    page.goto(f"{base}/admin/timeline/measure/{measure.pk}/history/")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("#content-main")).to_contain_text("adopted")
    page.get_by_role("link", name="Revert to this version").first.click()
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{base}/timeline/csa-proposal/")
    expect(page.get_by_text("The proposal is still in negotiation.")).to_be_visible()
    expect(page.locator(".status").first).to_contain_text("In negotiation")
    expect(page.get_by_text("Regulation adopted")).to_have_count(0)  # the milestone added since
    page.screenshot(path=artifacts_dir / "editor-reverted-measure.png", full_page=True)
