"""Editors' Markdown goes through the sanitiser: script in any disguise never reaches a page,
while the Markdown the dossier is written in comes through intact. Every Markdown field of
every model is found by its stored twin (`body` → `body_html`), so new ones are covered too."""

import re
from html.parser import HTMLParser

import markdown
import pytest
from django.apps import apps
from django.db import models
from simple_history.models import HistoricalChanges

from articles.models import Article, InterviewAnswer, InterviewQuestion
from dossier_portal.content.markdown import EXTENSIONS, render
from organisations.models import Organisation, Person
from tests.support.factories import make_article, make_measure, make_organisation, make_person
from timeline.models import Measure

XSS_PAYLOADS = [
    # script tags, plain and disguised
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    # event handlers
    "<img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<h2 id="x" onmouseover="alert(1)">Heading</h2>',
    '<aside class="box" onfocus="alert(1)" tabindex="0">box</aside>',
    "<x onclick=alert(1)>custom element</x>",
    "<details open ontoggle=alert(1)>",
    # javascript:, vbscript: and data: URLs, in HTML and in Markdown
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[click](javascript:alert(1))",
    '[click](JAVASCRIPT:alert(1) "title")',
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<form action="javascript:alert(1)"><input type="submit"></form>',
    '<table><tr><td background="javascript:alert(1)">x</td></tr></table>',
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<math href="javascript:alert(1)">x</math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    # embedding, styles, redirects
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    # broken markup and comments
    "<img src=x onerror=alert(1)//",
    '<a href="https://example.org"<script>alert(1)</script>>x</a>',
    "<!--<script>alert(1)</script>-->",
    "<!--><img src=x onerror=alert(1)>-->",
    "<!-- a comment --><p>after</p>",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<?xml version="1.0"?><script>alert(1)</script>',
    "<!DOCTYPE html><script>alert(1)</script>",
]

# Where a payload may sit in an editor's text.
MARKDOWN_CONTEXTS = [
    "{}",
    "Some text {} more text.",
    "## A heading {}\n\nText.",
    "- a list item {}\n- another",
    "| Column | Other |\n| --- | --- |\n| {} | cell |",
    '!!! box "A box {}"\n    Text in the box {}.',
    "*emphasis {}* and **strong {}**",
    "> quoted {}",
]

LEGITIMATE_MARKDOWN = """\
## Protection online

The [CSA Regulation](https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52022PC0209)
is *in negotiation*; **adopted** measures apply.

### Figures

| Year | Reports |
| --- | --- |
| 2023 | 36.2 million |

- first item
- second item

1. one
2. two

Write to [the office](mailto:office@example.org).
"""

DANGEROUS_TAGS = {
    "script", "style", "iframe", "frame", "object", "embed", "svg", "math", "img", "form",
    "input", "button", "meta", "base", "link", "template", "noscript", "body", "details", "x",
    "animate", "mglyph", "mtext", "mi", "textarea", "select", "video", "audio", "source",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "xlink:href", "data"}
SAFE_SCHEME = re.compile(r"^(https?:|mailto:|/|#|\?|[^:]*$)", re.IGNORECASE)


class _Inspector(HTMLParser):
    """Collects what a browser parsing the HTML would find dangerous."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{name}= on <{tag}>")
            # Browsers ignore whitespace and control characters inside a URL's scheme.
            url = re.sub(r"[\x00-\x20]", "", value or "")
            if name in URL_ATTRIBUTES and not SAFE_SCHEME.match(url):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.problems.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.problems.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.problems.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.problems.append(f"<![{data}]>")


def dangers_in(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


# Kept for other contexts (a later ">" could close them), but alone Markdown escapes the first
# and leaves the second an unknown, inert element.
INERT_ALONE = {"<img src=x onerror=alert(1)//", "<javascript:alert(1)>"}


@pytest.mark.parametrize("payload", sorted(set(XSS_PAYLOADS) - INERT_ALONE))
def test_each_payload_is_dangerous_without_the_sanitiser(payload):
    """So that a clean result below is the sanitiser's doing, not a payload that never worked."""
    unsanitised = markdown.markdown(payload, extensions=EXTENSIONS)
    assert dangers_in(unsanitised), unsanitised


@pytest.mark.parametrize("context", MARKDOWN_CONTEXTS)
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_renderer_lets_no_payload_through(payload, context):
    html = render(context.replace("{}", payload)).html
    assert dangers_in(html) == [], html


def assert_legitimate_markdown_survives(html: str) -> None:
    for expected in (
        '<h2 id="protection-online">Protection online</h2>',
        '<h3 id="figures">Figures</h3>',
        '<a href="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52022PC0209" '
        'rel="noopener noreferrer">CSA Regulation</a>',
        '<a href="mailto:office@example.org" rel="noopener noreferrer">the office</a>',
        "<em>in negotiation</em>",
        "<strong>adopted</strong>",
        "<th>Year</th>",
        "<td>36.2 million</td>",
        "<li>first item</li>",
        "<ol>",
    ):
        assert expected in html, expected
    assert dangers_in(html) == []


def test_the_renderer_keeps_legitimate_markdown():
    assert_legitimate_markdown_survives(render(LEGITIMATE_MARKDOWN).html)


# -- through every model -----------------------------------------------------------------------


def markdown_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field) for every Markdown field: a text field stored rendered beside it."""
    found = []
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges):
            continue  # a copy of the record, written by simple-history from the rendered record
        names = {field.name for field in model._meta.get_fields()}
        found += [
            (model, field.name)
            for field in model._meta.get_fields()
            if isinstance(field, models.TextField) and f"{field.name}_html" in names
        ]
    return sorted(found, key=lambda pair: (pair[0]._meta.label, pair[1]))


def make_interview_answer(**fields) -> InterviewAnswer:
    interview = make_article(kind=Article.Kind.INTERVIEW)
    question = InterviewQuestion.objects.create(
        article=interview, position=1, text="What needs to change?", anchor="change"
    )
    return InterviewAnswer.objects.create(
        question=question, position=1, speaker=make_person(), **fields
    )


BUILDERS = {
    Article: make_article,
    InterviewAnswer: make_interview_answer,
    Measure: make_measure,
    Organisation: make_organisation,
    Person: make_person,
}


def test_every_markdown_field_is_known_here():
    fields = {f"{model._meta.label}.{name}" for model, name in markdown_fields()}
    assert fields >= {
        "articles.Article.body",
        "articles.InterviewAnswer.body",
        "timeline.Measure.summary",
        "organisations.Organisation.description",
        "organisations.Person.bio",
    }
    missing = {model for model, _ in markdown_fields()} - set(BUILDERS)
    assert not missing, f"add a builder for {missing} so its Markdown is tested"


def stored_html(model, field: str, text: str) -> str:
    """Save a record with `text` in `field` as the admin would, and read back what is stored."""
    record = BUILDERS[model](**{field: text})
    return model.objects.values_list(f"{field}_html", flat=True).get(pk=record.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"),
    markdown_fields(),
    ids=[f"{m.__name__}.{f}" for m, f in markdown_fields()],
)
def test_no_payload_survives_a_save(model, field):
    for payload in XSS_PAYLOADS:
        html = stored_html(model, field, f"Text before.\n\n{payload}\n\nText after.")
        assert dangers_in(html) == [], (payload, html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"),
    markdown_fields(),
    ids=[f"{m.__name__}.{f}" for m, f in markdown_fields()],
)
def test_legitimate_markdown_survives_a_save(model, field):
    assert_legitimate_markdown_survives(stored_html(model, field, LEGITIMATE_MARKDOWN))
