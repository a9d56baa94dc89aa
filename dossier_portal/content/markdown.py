"""The one Markdown renderer of the site: fixed extensions, anchored headings, boxes as
<aside>, cross-links to known measures and organisations, links typed by hand to the site's
own pages pointed at their current address, and an nh3 sanitiser at the end.

Markdown is rendered once, when a record is saved (and again when what it links to changes,
see dossier_portal.content.crosslinks); templates print the stored HTML.
This module imports no app: callers pass the link targets in.

Supported syntax (shown to editors as help text, see MARKDOWN_HELP):
- headings `## Section` and `### Subsection` (anchors are added), paragraphs, lists, *emphasis*,
  **strong**, [links](https://…), tables (pipe syntax);
- a box: a line `!!! box "Title"` followed by its text indented by four spaces;
- a paragraph's anchor: a line `{: #name}` right after the paragraph (key figures link to it).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import nh3
from django.utils.text import slugify
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

MARKDOWN_HELP = (
    "Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, "
    "*emphasis*, **strong**, [link text](https://example.org), lists with - or 1., "
    'tables with | pipes |, a box as a line !!! box "Title" followed by its text indented '
    "by four spaces, and a paragraph's anchor as a line {: #name} right after it (a key "
    "figure links there: keep it stable). Raw HTML is removed except for a small safe set."
)

# Longer than any article of the dossier by far (the longest is about 15,000 characters); keeps
# a save and a preview quick.
MAX_CHARS = 200_000

EXTENSIONS = [
    "markdown.extensions.tables",
    "markdown.extensions.admonition",
    "markdown.extensions.sane_lists",
    # Only for a paragraph's stable anchor ({: #name}); the sanitiser keeps no other attribute.
    "markdown.extensions.attr_list",
]

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "a", "em", "strong", "abbr", "code", "pre",
    "blockquote", "table", "caption", "thead", "tbody", "tr", "th", "td", "aside", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "p": {"id"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "aside": {"class", "aria-labelledby"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Text inside these is never turned into a cross-link.
NO_LINK_INSIDE = {"a", "h1", "h2", "h3", "h4", "code", "pre"}


@dataclass(frozen=True)
class LinkTarget:
    """Something article text may mention: `key` identifies it, `aliases` are the words to find.
    `url` None: readers cannot see it (a draft, a deleted record), so a link to it is shown as
    plain text; `key` None too: nothing answers at the address a link gives."""

    key: str | None
    url: str | None
    aliases: tuple[str, ...] = ()


# Where a name may begin (not inside a word or after a hyphen), and the word or sign it begins
# with; and what must not follow a name's end.
_NAME_START = re.compile(r"(?<![\w-])(?:\w+|[^\w\s])")
_WORD_GOES_ON = re.compile(r"[\w-]")


class Names:
    """The names of link targets, found in text; built once for any number of texts. Names are
    looked up by the word they begin with, not tried one by one: with thousands of targets, one
    regular expression of all of them takes seconds to compile and about a second per text."""

    def __init__(self, targets: Sequence[LinkTarget] = ()):
        self.by_alias: dict[str, LinkTarget] = {}
        for target in targets:
            for alias in target.aliases:
                if alias.strip():
                    self.by_alias[alias.strip()] = target
        self._by_first_word: dict[str, list[str]] = {}
        for alias in sorted(self.by_alias, key=len, reverse=True):
            first = _NAME_START.match(alias).group()
            self._by_first_word.setdefault(first, []).append(alias)

    def __bool__(self) -> bool:
        return bool(self.by_alias)

    def find(self, text: str):
        """(start, end, name) of each name in `text` that stands as words of its own, from the
        left, the longest where several begin at one place."""
        position = 0
        while start_word := _NAME_START.search(text, position):
            start = start_word.start()
            position = start_word.end()
            for alias in self._by_first_word.get(start_word.group(), ()):
                end = start + len(alias)
                if text.startswith(alias, start) and not _WORD_GOES_ON.match(text, end):
                    yield start, end, alias
                    position = end
                    break


# Given the address of a link typed in the text, the page it leads to; None: not one of the
# pages links are tracked to (an outside page, a list), left as typed.
LinkResolver = Callable[[str], LinkTarget | None]


@dataclass(frozen=True)
class Section:
    """The text under one heading (the part before the first heading has an empty anchor)."""

    anchor: str
    heading: str
    level: int
    text: str


@dataclass
class Rendered:
    html: str
    # The contents list: {"text", "anchor", "children"} for each section heading (h2), its
    # subheadings (h3) as children. Box titles are left out: a box is an aside to the text.
    contents: list[dict] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    mentions: list[Mentioned] = field(default_factory=list)


@dataclass(frozen=True)
class Mentioned:
    key: str  # the target's
    anchor: str  # of the section it is mentioned in
    href: str = ""  # the address as typed, for a link typed by hand; "" where its name is linked


def render(text: str, link_targets: Names | Sequence[LinkTarget] = (), *,
           resolve_link: LinkResolver | None = None,
           anchor_prefix: str = "") -> Rendered:  # fmt: skip
    """Render editor Markdown into safe HTML, with its contents, sections and mentions: the
    targets' names are linked, and `resolve_link` says where each typed link leads."""
    result = Rendered(html="")
    names = link_targets if isinstance(link_targets, Names) else Names(link_targets)
    result.html = sanitise(_convert(text, result, names, resolve_link, anchor_prefix))
    return result


def _convert(text: str, result: Rendered, names: Names | None = None,
             resolve_link: LinkResolver | None = None, anchor_prefix: str = "") -> str:  # fmt: skip
    """The HTML of the Markdown before sanitising; fills in `result`'s contents, sections and
    mentions."""
    dossier = _DossierExtension(result, names or Names(), resolve_link, anchor_prefix)
    # The toc extension lists the headings (marker "" keeps a literal [TOC] as text).
    toc = TocExtension(toc_depth="2-3", marker="")
    md = markdown.Markdown(extensions=[*EXTENSIONS, dossier, toc], output_format="html")
    converted = md.convert(text or "")
    result.contents = _contents(md.toc_tokens, dossier.box_anchors)
    return converted


def removed_by_sanitiser(text: str) -> list[str]:
    """What sanitise() would take out of the text's HTML, in an editor's words ("the image
    <img src=…>", "the link to javascript:…"), each once, in the order they occur."""
    finder = _Unsafe()
    finder.feed(_convert(text, Rendered(html="")))
    return list(dict.fromkeys(finder.removed))


class _Unsafe(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            what = "the image" if tag == "img" else f"the <{tag}> element"
            self.removed.append(what)
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.removed.append(f"the {name} attribute of <{tag}>")
            elif name == "href" and not _allowed_url(value or ""):
                self.removed.append(f"the link to {(value or '')[:60]}")


def _allowed_url(url: str) -> bool:
    scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return scheme is None or scheme.group(1).lower() in ALLOWED_URL_SCHEMES


def _contents(tokens: list[dict], box_anchors: set[str]) -> list[dict]:
    return [
        {
            "text": " ".join(html.unescape(token["name"]).split()),
            "anchor": token["id"],
            "children": _contents(token["children"], box_anchors),
        }
        for token in tokens
        if token["id"] not in box_anchors
    ]


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class _DossierExtension(Extension):
    def __init__(self, result: Rendered, names: Names, resolve_link: LinkResolver | None,
                 anchor_prefix: str):  # fmt: skip
        super().__init__()
        self.result = result
        self.names = names
        self.resolve_link = resolve_link
        self.anchor_prefix = anchor_prefix
        self.box_anchors: set[str] = set()

    def extendMarkdown(self, md):
        # Before the toc extension's (5): it lists the headings with the anchors given here.
        md.treeprocessors.register(_DossierTreeprocessor(md, self), "dossier", 6)


class _DossierTreeprocessor(Treeprocessor):
    def __init__(self, md, extension: _DossierExtension):
        super().__init__(md)
        self.ext = extension

    def run(self, root: ET.Element) -> None:
        # Anchors editors gave paragraphs come first: headings' derived anchors avoid them.
        used_anchors = {p.get("id") for p in root.iter("p") if p.get("id")}
        self._boxes_to_asides(root, used_anchors)
        self._anchor_headings(root, used_anchors)
        self._collect_sections(root)
        linked: dict[str, set[str]] = {}  # section anchor → keys already linked there
        if self.ext.resolve_link:
            self._follow_typed_links(root, linked)
        if self.ext.names:
            self._cross_link(root, linked)

    # Boxes: admonition's <div class="admonition box"><p class="admonition-title"> → <aside>.
    def _boxes_to_asides(self, root: ET.Element, used: set[str]) -> None:
        for div in root.iter("div"):
            if "admonition" not in div.get("class", ""):
                continue
            div.tag = "aside"
            div.set("class", "box")
            title = next((c for c in div if "admonition-title" in c.get("class", "")), None)
            if title is not None:
                title.tag = "h3"
                title.attrib.clear()
                anchor = self._unique(slugify(_text_of(title)) or "box", used)
                title.set("id", anchor)
                div.set("aria-labelledby", anchor)
                self.ext.box_anchors.add(anchor)

    def _anchor_headings(self, root: ET.Element, used: set[str]) -> None:
        for element in root.iter():
            if element.tag in {"h2", "h3", "h4"} and not element.get("id"):
                element.set("id", self._unique(slugify(_text_of(element)) or "section", used))

    def _unique(self, anchor: str, used: set[str]) -> str:
        anchor = f"{self.ext.anchor_prefix}{anchor}"
        candidate, n = anchor, 2
        while candidate in used:
            candidate, n = f"{anchor}-{n}", n + 1
        used.add(candidate)
        return candidate

    def _section_of_each_child(self, root: ET.Element):
        """Yield (section anchor, block) for the top-level blocks; an <h2> opens a section."""
        anchor = ""
        for child in root:
            if child.tag == "h2":
                anchor = child.get("id")
            yield anchor, child

    def _collect_sections(self, root: ET.Element) -> None:
        sections: dict[str, list[str]] = {}
        headings: dict[str, tuple[str, int]] = {"": ("", 0)}
        for anchor, child in self._section_of_each_child(root):
            if child.tag == "h2":
                headings[anchor] = (_text_of(child), 2)
                sections.setdefault(anchor, [])
                continue
            sections.setdefault(anchor, []).append(_text_of(child))
        self.ext.result.sections = [
            Section(anchor, headings[anchor][0], headings[anchor][1], " ".join(filter(None, parts)))
            for anchor, parts in sections.items()
        ]

    def _follow_typed_links(self, root: ET.Element, linked: dict[str, set[str]]) -> None:
        """Point each link typed to one of the site's pages at the page's current address, or
        show it as plain text when readers cannot open that page; each is a mention."""
        for anchor, child in self._section_of_each_child(root):
            keys = linked.setdefault(anchor, set())
            for parent in list(child.iter()):
                for link in [element for element in parent if element.tag == "a"]:
                    href = link.get("href", "")
                    target = self.ext.resolve_link(href)
                    if target is None:
                        continue
                    if target.key:
                        keys.add(target.key)
                        self.ext.result.mentions.append(Mentioned(target.key, anchor, href))
                    if target.url:
                        link.set("href", target.url + _fragment_of(href))
                    else:
                        _unwrap(parent, link)

    def _cross_link(self, root: ET.Element, linked: dict[str, set[str]]) -> None:
        """Link the first mention of each target in each section to its page (unless a link
        typed there already leads to it)."""
        names = self.ext.names
        for anchor, child in self._section_of_each_child(root):
            keys = linked.setdefault(anchor, set())
            before = set(keys)
            _link_in(child, names, keys)
            self.ext.result.mentions += [Mentioned(key, anchor) for key in sorted(keys - before)]


def _fragment_of(href: str) -> str:
    return href[href.index("#") :] if "#" in href else ""


def _unwrap(parent: ET.Element, link: ET.Element) -> None:
    """Put the link's text and children in its place: the words stay, the link goes."""
    index, children = list(parent).index(link), list(link)
    parent.remove(link)
    _append_text(parent, index, link.text)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    _append_text(parent, index + len(children), link.tail)


def _append_text(parent: ET.Element, index: int, text: str | None) -> None:
    """Add `text` where it follows the first `index` children of `parent`."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text


def _link_in(element: ET.Element, names: Names, linked: set[str]) -> None:
    if element.tag in NO_LINK_INSIDE:
        return
    element.text = _link_text(element, None, element.text, names, linked)
    for child in list(element):
        _link_in(child, names, linked)
        child.tail = _link_text(element, child, child.tail, names, linked)


def _link_text(parent: ET.Element, after: ET.Element | None, text: str | None, names: Names,
               linked: set[str]) -> str | None:  # fmt: skip
    """Wrap the first unlinked name in `text` into an <a>; the rest of the text follows it."""
    if not text:
        return text
    for start, end, name in names.find(text):
        target = names.by_alias[name]
        if target.key in linked:
            continue
        linked.add(target.key)
        link = ET.Element("a", {"href": target.url, "class": "xref"})
        link.text = name
        position = 0 if after is None else list(parent).index(after) + 1
        parent.insert(position, link)
        link.tail = _link_text(parent, link, text[end:], names, linked)
        return text[:start]
    return text


# Python-Markdown's placeholders for raw HTML, which the sanitiser later removes or keeps.
_STASH_PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")


def _text_of(element: ET.Element) -> str:
    text = _STASH_PLACEHOLDER.sub(" ", "".join(element.itertext()))
    return re.sub(r"\s+", " ", text).strip()
