"""Editors' Markdown goes through the sanitiser: script in any disguise never reaches a page,
while the Markdown the dossier is written in comes through intact. Every Markdown field of
every model is found by its stored twin (`body` → `body_html`), so new ones are covered too."""

import re
from html.parser import HTMLParser

import markdown
import pytest
from django.apps import apps
from django.db import models

from articles.models import Article, InterviewAnswer, InterviewQuestion
from dossier_portal.content.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    EXTENSIONS,
    render,
)
from organisations.models import Organisation, Person
from tests.support.factories import make_article, make_measure, make_organisation, make_person
from timeline.models import Measure

# A few payloads for each way past an allow-list, each aimed at a part of ours (ALLOWED_TAGS,
# ALLOWED_ATTRIBUTES, ALLOWED_URL_SCHEMES, comments): enough to prove that part holds. The
# parsing of hostile HTML itself is nh3's (ammonia's) job, tested by its own suite.
PAYLOADS_BY_ATTACK = {
    "a tag outside the allowed tags": [
        "<script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        '<iframe src="javascript:alert(1)"></iframe>',
        "<style>body{background:url(javascript:alert(1))}</style>",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<base href="https://evil.example/">',
        '<form action="javascript:alert(1)"><input type="submit"></form>',
    ],
    "an event handler on an allowed tag": [
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        '<h2 id="x" onmouseover="alert(1)">Heading</h2>',
        '<aside class="box" onfocus="alert(1)" tabindex="0">box</aside>',
        "<img src=x onerror=alert(1)>",
    ],
    "an attribute outside the allowed attributes": [
        '<p style="background:url(javascript:alert(1))">styled</p>',
        '<table><tr><td background="javascript:alert(1)">x</td></tr></table>',
    ],
    "a URL scheme other than http, https and mailto, in HTML and in Markdown": [
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        "[click](javascript:alert(1))",
        "[ref][1]\n\n[1]: javascript:alert(1)",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<javascript:alert(1)>",
    ],
    "foreign content and parser differentials (SVG, MathML, noscript)": [
        "<svg onload=alert(1)>",
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    ],
    "comments, CDATA and broken markup": [
        "<!--><img src=x onerror=alert(1)>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        '<a href="https://example.org"<script>alert(1)</script>>x</a>',
        "<img src=x onerror=alert(1)//",
    ],
}
XSS_PAYLOADS = [payload for payloads in PAYLOADS_BY_ATTACK.values() for payload in payloads]

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


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_renderer_lets_no_payload_through_wherever_it_sits(payload):
    for context in MARKDOWN_CONTEXTS:
        html = render(context.replace("{}", payload)).html
        assert dangers_in(html) == [], (context, html)


def test_the_allow_list_itself_holds_nothing_that_runs_script():
    """The payloads above prove each part of the allow-list; this keeps a later addition to it
    (a tag, an attribute, a scheme) from opening what they cannot foresee."""
    assert not ALLOWED_TAGS & DANGEROUS_TAGS
    attributes = set().union(*ALLOWED_ATTRIBUTES.values())
    assert not {name for name in attributes if name.startswith("on") or name == "style"}
    assert attributes & URL_ATTRIBUTES == {"href"}, "only links carry a URL"
    assert {"http", "https", "mailto"} == ALLOWED_URL_SCHEMES


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
