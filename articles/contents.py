"""An article's contents list, read from its stored HTML (the renderer has anchored every
heading, see dossier_portal.content.markdown)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

LISTED_HEADINGS = {"h2", "h3"}


@dataclass
class Entry:
    text: str
    anchor: str
    children: list["Entry"] = field(default_factory=list)


class _HeadingCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (tag, anchor, text)
        self._open: tuple[str, str] | None = None
        self._text: list[str] = []
        self._aside_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "aside":
            self._aside_depth += 1
        elif tag in LISTED_HEADINGS and self._aside_depth == 0 and dict(attrs).get("id"):
            self._open, self._text = (tag, dict(attrs)["id"]), []

    def handle_endtag(self, tag):
        if tag == "aside":
            self._aside_depth -= 1
        elif self._open and tag == self._open[0]:
            self.found.append((*self._open, " ".join("".join(self._text).split())))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._text.append(data)


def headings_in(html: str) -> list[Entry]:
    """Section headings (h2) with their subheadings (h3) nested; box titles are left out, a box
    being an aside to the text rather than a part of it."""
    collector = _HeadingCollector()
    collector.feed(html)
    entries: list[Entry] = []
    for tag, anchor, text in collector.found:
        if tag == "h3" and entries:
            entries[-1].children.append(Entry(text, anchor))
        else:
            entries.append(Entry(text, anchor))
    return entries
