"""What a browser would post for a form on a page, read from the page's HTML."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and self._posted(attrs):
            # A checked box without a value posts "on".
            default = "on" if attrs.get("type") in {"checkbox", "radio"} else ""
            self._add(name, attrs.get("value") or default)
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea in self.data:
            self.data[self._textarea][-1] += data

    @staticmethod
    def _posted(attrs) -> bool:
        kind = attrs.get("type", "text")
        if kind in {"submit", "button", "image", "file", "reset"}:
            return False
        return kind not in {"checkbox", "radio"} or "checked" in attrs

    def _add(self, name: str, value: str) -> None:
        if "__prefix__" not in name:  # the template row an inline's "Add another" copies
            self.data.setdefault(name, []).append(value)


def form_data(html: str, form_id: str) -> dict[str, list[str]]:
    reader = _FormReader(form_id)
    reader.feed(html)
    # A textarea's content starts after a newline the browser drops.
    return {
        name: [value.removeprefix("\n") for value in values] for name, values in reader.data.items()
    }
