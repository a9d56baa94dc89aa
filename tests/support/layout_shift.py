"""Cumulative layout shift measured in the browser, as Lighthouse counts it."""

from playwright.sync_api import Page

# Every shift since the page started loading (buffered), except those right after an input
# (hadRecentInput: a reader's click may move things), read after two more frames are painted.
CUMULATIVE_LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  const add = entries => entries.forEach(e => { if (!e.hadRecentInput) total += e.value; });
  const observer = new PerformanceObserver(list => add(list.getEntries()));
  observer.observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => {
    add(observer.takeRecords());
    observer.disconnect();
    resolve(total);
  }));
})"""


def layout_shift(page: Page) -> float:
    page.wait_for_load_state("load")
    return page.evaluate(CUMULATIVE_LAYOUT_SHIFT)
