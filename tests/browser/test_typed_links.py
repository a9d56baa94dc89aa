"""An editor renames and unpublishes a measure that an article links to by a typed link, in a
real browser: the article's link follows the new address, then shows as plain text."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.support.factories import make_article, make_measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_password(tmp_path) -> str:
    password_file = tmp_path / "password"
    call_command("create_editor", "maria", password_file=password_file)
    return password_file.read_text().strip()


def test_a_typed_link_follows_a_renamed_measure_and_goes_when_it_is_unpublished(
    page: Page, live_server, editor_password, artifacts_dir
):
    measure = make_measure(short_title="Unnamed here", slug="csa-proposal")
    article = make_article(
        title="The long road", body="## Law\n\nSee [the regulation](/timeline/csa-proposal/)."
    )
    base = live_server.url
    page.goto(f"{base}/admin/")
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Password").fill(editor_password)
    page.get_by_role("button", name="Log in").click()

    change = f"{base}/admin/timeline/measure/{measure.pk}/change/"
    page.goto(change)
    expect(page.locator(".field-where_used")).to_contain_text(
        "Mentioned in article “The long road”, section “Law”"
    )
    page.get_by_label("Slug:").fill("csa-regulation")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{base}{article.get_absolute_url()}")
    link = page.get_by_role("link", name="the regulation")
    expect(link).to_have_attribute("href", "/timeline/csa-regulation/")
    link.click()
    expect(page).to_have_url(f"{base}/timeline/csa-regulation/")

    page.goto(change)
    page.get_by_label("Published").uncheck()
    page.get_by_label("Unpublish even though it is used").check()
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{base}{article.get_absolute_url()}")
    expect(page.get_by_text("See the regulation.")).to_be_visible()
    expect(page.get_by_role("link", name="the regulation")).to_have_count(0)
    page.screenshot(path=artifacts_dir / "typed-link-unpublished.png", full_page=True)
