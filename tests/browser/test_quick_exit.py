"""The quick exit in Chromium, at phone and desktop width: Shift three times leaves only when
Shift is pressed on its own (never for a capital letter, never in a text field), the exit stays
in view while the page scrolls, works as a plain link without JavaScript, and a touch screen is
not told about a key it does not have."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
NEUTRAL_SITE = re.compile(r"^https://www\.bbc\.co\.uk/")


@pytest.fixture(params=VIEWPORTS.values(), ids=VIEWPORTS.keys())
def reader(request, page: Page, site):
    """A page at phone or desktop width whose neutral site is answered locally; the requests
    it makes are kept in page.requests_made."""
    page.set_viewport_size(request.param)
    page.route(NEUTRAL_SITE, lambda route: route.fulfill(body="<title>Weather</title>Weather"))
    page.requests_made = []
    page.on("request", lambda request: page.requests_made.append(request))
    return page


def type_as_a_person(page: Page, text: str) -> None:
    """Each capital with Shift held down around it, as a keyboard sends it."""
    for char in text:
        if char.isupper():
            page.keyboard.down("Shift")
            page.keyboard.press(char)
            page.keyboard.up("Shift")
        else:
            page.keyboard.press("Space" if char == " " else char)


def tap_shift(page: Page, times: int) -> None:
    for _ in range(times):
        page.keyboard.press("Shift")


def is_leaving(page: Page) -> bool:
    """site.js marks the page the moment it starts to leave (the key events are dispatched
    synchronously, so the answer is final when the key presses return)."""
    return page.evaluate("document.documentElement.classList.contains('leaving')")


def wait_until_scrolled_past(page: Page, pixels: int, seconds: float = 30) -> None:
    """Wait in the page for a scroll event past `pixels`, up to `seconds` (a bound for a busy
    machine, not a wait for the scroll). page.wait_for_function would evaluate its predicate
    from a string, which the site's CSP (no 'unsafe-eval') refuses; evaluate() is not eval."""
    scrolled = page.evaluate(
        """([pixels, milliseconds]) => new Promise((resolve) => {
            const check = () => {
                if (window.scrollY > pixels) resolve(true);
            };
            window.addEventListener("scroll", check);
            setTimeout(() => resolve(false), milliseconds);
            check();
        })""",
        [pixels, seconds * 1000],
    )
    if not scrolled:
        pytest.fail(f"the page never scrolled past {pixels} px")


def test_shift_three_times_on_its_own_leaves_and_replaces_the_page_in_the_history(
    site, reader: Page
):
    reader.goto(site + "/")
    reader.goto(site + "/articles/introduction/")
    tap_shift(reader, 3)
    expect(reader).to_have_url(NEUTRAL_SITE)
    neutral = next(r for r in reader.requests_made if NEUTRAL_SITE.match(r.url))
    assert "referer" not in neutral.headers  # the neutral site learns nothing of this one
    reader.go_back()
    expect(reader).to_have_url(site + "/")  # the article is no longer in the history


@pytest.mark.parametrize("query", ["CSAM -AI", "EU AI"])
def test_typing_capitals_in_the_search_box_stays_on_the_site(site, reader: Page, query):
    reader.goto(site + "/search/")
    reader.locator("main input[type='search']").focus()
    type_as_a_person(reader, query)
    assert not is_leaving(reader)
    reader.keyboard.press("Enter")
    expect(reader).to_have_url(re.compile(r"/search/\?q="))
    expect(reader.locator("main input[type='search']")).to_have_value(query)


def test_shift_taps_in_a_text_field_do_not_count(site, reader: Page):
    reader.goto(site + "/search/")
    reader.locator("main input[type='search']").focus()
    tap_shift(reader, 3)
    assert not is_leaving(reader)


def test_shift_held_for_capitals_outside_a_field_does_not_count(site, reader: Page):
    reader.goto(site + "/articles/introduction/")
    type_as_a_person(reader, "ABC")
    assert not is_leaving(reader)


def test_any_other_key_starts_the_count_again(site, reader: Page):
    reader.goto(site + "/articles/introduction/")
    tap_shift(reader, 2)
    reader.keyboard.press("ArrowDown")
    tap_shift(reader, 1)
    assert not is_leaving(reader)
    tap_shift(reader, 2)
    expect(reader).to_have_url(NEUTRAL_SITE)


def test_the_three_presses_must_come_within_a_short_window(site, reader: Page):
    reader.clock.install()
    reader.goto(site + "/articles/introduction/")
    tap_shift(reader, 2)
    reader.clock.fast_forward(6_000)
    tap_shift(reader, 1)
    assert not is_leaving(reader)
    tap_shift(reader, 2)
    expect(reader).to_have_url(NEUTRAL_SITE)


def test_the_exit_stays_in_view_at_the_end_of_a_long_article(site, reader: Page):
    reader.goto(site + "/articles/introduction/")
    reader.keyboard.press("End")
    wait_until_scrolled_past(reader, 2000)
    exit_link = reader.get_by_role("link", name="Leave this site quickly")
    expect(exit_link).to_be_in_viewport()
    exit_link.click()
    expect(reader).to_have_url(NEUTRAL_SITE)


@pytest.mark.parametrize("size", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_without_javascript_the_exit_is_a_plain_link_that_stays_in_view(site, browser, size):
    context = browser.new_context(java_script_enabled=False, viewport=size)
    page = context.new_page()
    page.route(NEUTRAL_SITE, lambda route: route.fulfill(body="<title>Weather</title>Weather"))
    page.goto(site + "/articles/introduction/")
    page.mouse.wheel(0, 20_000)
    wait_until_scrolled_past(page, 2000)
    exit_link = page.get_by_role("link", name="Leave this site quickly")
    expect(exit_link).to_be_in_viewport()
    exit_link.click()
    expect(page).to_have_url(NEUTRAL_SITE)
    context.close()


def test_a_touch_screen_is_not_told_to_press_shift(site, browser):
    phone = browser.new_context(viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    page = phone.new_page()
    page.goto(site + "/")
    note = page.locator(".content-note")
    expect(note).to_contain_text("Find support", use_inner_text=True)
    expect(note).not_to_contain_text("Shift", use_inner_text=True)
    phone.close()


def test_a_desktop_reader_is_told_about_the_shortcut(site, page: Page):
    """(A phone's note leaves the exit to the button just above it: a third of its screen.)"""
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(site + "/")
    expect(page.locator(".content-note")).to_contain_text(
        "pressing the Shift key three times", use_inner_text=True
    )
