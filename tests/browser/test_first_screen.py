"""The first screen on a phone: the banner, the navigation and the content note leave at least
two thirds of a 360 by 740 px screen to the page, and hiding the note moves nothing on a later page
(it is never drawn), measured as Lighthouse measures layout shift."""

import pytest
from playwright.sync_api import Page, expect

from tests.support.layout_shift import layout_shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Lighthouse reports layout shift to three decimals: below this it reports none. (A shift of a
# ten-thousandth, a pixel's rounding, has been seen on a page's own content.)
NO_SHIFT = 0.001
PAGES = ["/", "/articles/introduction/", "/timeline/csa-regulation/", "/search/?q=Lanzarote"]


def bottom_of(page: Page, selector: str) -> float:
    return page.locator(selector).evaluate("e => e.getBoundingClientRect().bottom")


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_on_a_phone_the_chrome_takes_at_most_a_third_of_the_first_screen(site, browser, touch):
    context = browser.new_context(viewport=PHONE, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    for path in PAGES:
        page.goto(site + path)
        expect(page.locator(".content-note")).to_be_visible()
        assert bottom_of(page, ".content-note") <= PHONE["height"] / 3, path
    context.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_hidden_note_stays_hidden_and_nothing_moves(site, page: Page, size):
    page.set_viewport_size(size)
    page.goto(site + "/")
    assert layout_shift(page) < NO_SHIFT
    page.get_by_role("button", name="Hide this note").click()
    expect(page.locator(".content-note")).to_be_hidden()
    assert layout_shift(page) < NO_SHIFT  # the reader's own click moves the page: not counted
    for path in PAGES:
        page.goto(site + path)
        expect(page.locator(".content-note")).to_be_hidden()
        assert layout_shift(page) < NO_SHIFT, path
    # Nothing of the note was ever drawn: the page starts right under the navigation.
    assert bottom_of(page, ".site-nav") == page.locator(".page").evaluate(
        "e => e.getBoundingClientRect().top"
    )
