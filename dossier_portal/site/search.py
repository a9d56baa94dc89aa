"""Full-text search across the dossier: articles (down to the section), measures, milestones,
organisations and people.

Each searchable model stores a weighted tsvector (dossier_portal.content.search_vectors).
A search is one query over the published rows of every model, whatever the number of hits: it
counts the
hits per type and fetches the ranked page with its highlighted snippets. Only when nothing
matched, one more looks for a spelling the dossier uses ("did you mean"), and one more checks
that the spelling finds something.
"""

import functools
import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank
from django.db import connection, models
from django.db.models import Case, F, Func, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleSection, InterviewAnswer, InterviewQuestion
from dossier_portal.content.search_vectors import SEARCH_CONFIG
from organisations.models import Organisation, Person
from timeline.models import Measure, Milestone

MAX_QUERY_LENGTH = 200


class Kind(models.TextChoices):
    """What a reader can narrow a search to."""

    ARTICLE = "article", "Articles"
    MEASURE = "measure", "Measures"
    MILESTONE = "milestone", "Milestones"
    ORGANISATION = "organisation", "Organisations"
    PERSON = "person", "People"


# Private-use characters mark the matches in ts_headline's output: they cannot occur in the
# dossier, so the snippet can be escaped as a whole and the marks turned into <mark> afterwards.
_START, _STOP = "\ue000", "\ue001"
_HEADLINE_OPTIONS = f"StartSel={_START}, StopSel={_STOP}, MaxWords=35, MinWords=15, MaxFragments=2"

# The columns every branch of the union selects, in this order.
_COLUMNS = (
    "hit_kind", "hit_title", "hit_context", "hit_slug", "hit_anchor", "hit_text", "hit_rank",
)  # fmt: skip


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    context: str
    url: str
    snippet: SafeString
    rank: float

    @property
    def kind_label(self) -> str:
        return _SINGULAR_LABELS[Kind(self.kind)]


_SINGULAR_LABELS = {
    Kind.ARTICLE: "Article",
    Kind.MEASURE: "Measure",
    Kind.MILESTONE: "Milestone",
    Kind.ORGANISATION: "Organisation",
    Kind.PERSON: "Person",
}


def search_query(text: str) -> SearchQuery:
    """Websearch syntax: "quoted phrases", OR, -excluded. Never a syntax error."""
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


_TEXT = models.TextField()


def _text(value) -> Value:
    return Value(value, output_field=_TEXT)


def _plain(html_field: str) -> models.Func:
    """Stored, sanitised HTML reduced to its words for the snippet (entities are undone later)."""
    return models.Func(
        F(html_field),
        _text("<[^>]+>"),
        _text(" "),
        _text("g"),
        function="regexp_replace",
        output_field=_TEXT,
    )


def _wanted_part(query: SearchQuery) -> Cast:
    """ts_rank gives 0 to every match of a query with an exclusion ('csam' & !'ai'), so rank
    by what the query asks for: querytree() leaves the exclusions out."""
    return Cast(Func(query, function="querytree", output_field=_TEXT), SearchQueryField())


def _branch(queryset, query: SearchQuery, kind: Kind, **columns):
    """One model's published matches, as rows of _COLUMNS."""
    columns = {"hit_kind": _text(kind.value), **columns}
    columns["hit_rank"] = SearchRank(F("search_vector"), _wanted_part(query))
    return (
        queryset.filter(search_vector=query)
        .annotate(**{name: columns[name] for name in _COLUMNS})
        .values(*_COLUMNS)
        .order_by()
    )


def _article_branches(query: SearchQuery) -> list[models.QuerySet]:
    """An article's title and lead, each of its sections, and each interview question and
    answer: a hit inside the text links to the heading (or question) it is under."""
    return [
        _branch(
            Article.objects.published(),
            query,
            Kind.ARTICLE,
            hit_title=F("title"),
            hit_context=F("section_label"),
            hit_slug=F("slug"),
            hit_anchor=_text(""),
            hit_text=F("standfirst"),
        ),
        _branch(
            ArticleSection.objects.filter(article__in=Article.objects.published()),
            query,
            Kind.ARTICLE,
            hit_title=Coalesce(
                NullIf(F("heading"), Value("")), F("article__title"), output_field=_TEXT
            ),
            hit_context=F("article__title"),
            hit_slug=F("article__slug"),
            hit_anchor=F("anchor"),
            hit_text=F("text"),
        ),
        _branch(
            InterviewQuestion.objects.filter(article__in=Article.objects.published()),
            query,
            Kind.ARTICLE,
            hit_title=F("text"),
            hit_context=F("article__title"),
            hit_slug=F("article__slug"),
            hit_anchor=F("anchor"),
            hit_text=F("text"),
        ),
        _branch(
            InterviewAnswer.objects.filter(question__article__in=Article.objects.published()),
            query,
            Kind.ARTICLE,
            hit_title=F("question__text"),
            hit_context=F("question__article__title"),
            hit_slug=F("question__article__slug"),
            hit_anchor=F("question__anchor"),
            # A draft speaker stays unnamed.
            hit_text=Concat(
                Case(
                    When(speaker__is_published=True, then=Concat(F("speaker__name"), Value(": "))),
                    default=Value(""),
                ),
                _plain("body_html"),
                output_field=_TEXT,
            ),
        ),
    ]


def _branches(query: SearchQuery) -> dict[Kind, list[models.QuerySet]]:
    return {
        Kind.ARTICLE: _article_branches(query),
        Kind.MEASURE: [
            _branch(
                Measure.objects.published(),
                query,
                Kind.MEASURE,
                hit_title=F("short_title"),
                hit_context=F("reference"),
                hit_slug=F("slug"),
                hit_anchor=_text(""),
                hit_text=Concat(
                    F("title"), Value(". "), _plain("summary_html"), output_field=_TEXT
                ),
            )
        ],
        Kind.MILESTONE: [
            _branch(
                Milestone.objects.published().filter(measure__in=Measure.objects.published()),
                query,
                Kind.MILESTONE,
                hit_title=F("title"),
                hit_context=F("measure__short_title"),
                hit_slug=F("measure__slug"),
                hit_anchor=F("slug"),
                hit_text=F("source_sentence"),
            )
        ],
        Kind.ORGANISATION: [
            _branch(
                Organisation.objects.published(),
                query,
                Kind.ORGANISATION,
                hit_title=F("name"),
                hit_context=F("described_as"),
                hit_slug=F("slug"),
                hit_anchor=_text(""),
                hit_text=_plain("description_html"),
            )
        ],
        Kind.PERSON: [
            _branch(
                Person.objects.published(),
                query,
                Kind.PERSON,
                hit_title=F("name"),
                hit_context=_text(""),
                hit_slug=F("slug"),
                hit_anchor=_text(""),
                hit_text=_plain("bio_html"),
            )
        ],
    }


# A search whose words are in most records would count and rank every one of them: over the
# synthetic corpus of `make bench-scale` (10,000 measures), "child sexual abuse" has 16,361
# hits and took 142 ms. Each type's hits are counted and ranked up to this many, in the order
# Postgres finds them; past that the page says "500+" and suggests narrowing the search. The
# dossier itself has fewer than a hundred records of any type, so it is never cut.
RANKED_PER_KIND = 500

# Stand for the reader's text and for the cut while the SQL is compiled (see _search_sql).
_PLACEHOLDER = "\ue002"
_CUT = "\ue003"

_ORDER = "hit_rank DESC, hit_title, hit_kind, hit_slug, hit_anchor"


@functools.cache
def _compiled_hits() -> tuple[str, tuple]:
    """Each type's first matches, numbered (hit_seq), one more than the cut so that the count
    can tell "more": the UNION ALL of the types, each a LIMIT over its branches."""
    branches = _branches(search_query(_PLACEHOLDER))
    parts, params = [], []
    for kind in Kind:
        first, *rest = branches[kind]
        union = first.union(*rest, all=True) if rest else first
        sql, branch_params = union.order_by().query.sql_with_params()
        numbered = f"SELECT *, row_number() OVER () AS hit_seq FROM ({sql}) k LIMIT %s"  # noqa: S608 (SQL built by the ORM)
        parts.append(f"({numbered})")
        params += [*branch_params, _CUT]
    return " UNION ALL ".join(parts), tuple(params)


def _search_sql(text: str, cut: int) -> tuple[str, tuple]:
    """Compiling eight querysets costs the ORM more than Postgres spends running them, and the
    SQL depends on nothing the reader sends: it is compiled once, and the text and the cut
    bound as parameters each time."""
    sql, params = _compiled_hits()
    bound = {_PLACEHOLDER: text, _CUT: cut + 1}
    return sql, tuple(
        bound.get(param, param) if isinstance(param, str) else param for param in params
    )


@dataclass(frozen=True)
class Count:
    """How many hits a type has, counted up to RANKED_PER_KIND; `more` when it has more."""

    hits: int = 0
    more: bool = False

    def __add__(self, other: "Count") -> "Count":
        return Count(self.hits + other.hits, self.more or other.more)

    def __bool__(self) -> bool:
        return bool(self.hits)

    def __str__(self) -> str:
        return f"{self.hits:,}+" if self.more else f"{self.hits:,}"


@dataclass(frozen=True)
class Found:
    counts: dict[str, Count]  # types without hits are left out
    hits: list[Hit]  # the page asked for
    ranked_per_kind: int

    def count(self, kinds: list[Kind]) -> Count:
        return sum((self.counts.get(kind, Count()) for kind in kinds), Count())


def find(text: str, kinds: list[Kind], offset: int, limit: int) -> Found:
    """How many hits each type has, and one page of the hits of `kinds`, best first, with
    highlighted snippets: one query, whatever the number of hits. Postgres finds each type's
    hits once (a materialised CTE); ts_headline runs on the page's rows only."""
    cut = RANKED_PER_KIND
    hits_sql, hits_params = _search_sql(text, cut)
    sql = f"""
        WITH hits AS MATERIALIZED ({hits_sql})
        SELECT counted.kinds, counted.numbers, page.*
        FROM (
            SELECT array_agg(hit_kind) AS kinds, array_agg(number) AS numbers
            FROM (SELECT hit_kind, count(*) AS number FROM hits GROUP BY hit_kind) per_kind
        ) counted
        LEFT JOIN LATERAL (
            SELECT hit_kind, hit_title, hit_context, hit_slug, hit_anchor, hit_rank,
                ts_headline(%s::regconfig, hit_text, websearch_to_tsquery(%s::regconfig, %s), %s)
            FROM hits
            WHERE hit_kind = ANY(%s) AND hit_seq <= %s
            ORDER BY {_ORDER} LIMIT %s OFFSET %s
        ) page ON true
        ORDER BY {_ORDER}
    """  # noqa: S608 (SQL built by the ORM and this module, the reader's text is a parameter)
    wanted = [kind.value for kind in kinds]
    page_params = (
        SEARCH_CONFIG,
        SEARCH_CONFIG,
        text,
        _HEADLINE_OPTIONS,
        wanted,
        cut,
        limit,
        offset,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*hits_params, *page_params))
        rows = cursor.fetchall()
    kinds_found, numbers = rows[0][:2]
    counts = {
        kind: Count(min(number, cut), number > cut)
        for kind, number in zip(kinds_found or (), numbers or (), strict=True)
    }
    return Found(counts, [_hit(*row[2:]) for row in rows if row[2] is not None], cut)


def _hit(kind, title, context, slug, anchor, rank, headline) -> Hit:
    return Hit(
        kind=kind,
        title=title,
        context=context,
        url=_url(kind, slug, anchor),
        snippet=_snippet(headline),
        rank=rank,
    )


_ROUTES = {
    Kind.ARTICLE: "articles:detail",
    Kind.MEASURE: "timeline:measure",
    Kind.MILESTONE: "timeline:measure",
    Kind.ORGANISATION: "organisations:detail",
    Kind.PERSON: "organisations:person",
}


def _url(kind: str, slug: str, anchor: str) -> str:
    url = reverse(_ROUTES[Kind(kind)], args=[slug])
    return f"{url}#{anchor}" if anchor else url


def _snippet(headline: str) -> SafeString:
    words = re.sub(r"\s+", " ", html.unescape(headline or "")).strip()
    return mark_safe(escape(words).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308 (escaped first)


# Words a reader may have misspelt: letters only, three or more, not websearch's OR.
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_MAX_WORDS_TO_CORRECT = 8

# The words of what the dossier names (short titles, names, headings, aliases, references) and
# of its articles: the vocabulary a misspelt query is corrected against. Measures' full titles
# and summaries and milestones are left out: they grow with the timeline, and this query is
# a scan (about 0.4 s over 10,000 measures with their titles, measured).
_VOCABULARY_SQL = """
SELECT DISTINCT word
FROM (
    SELECT regexp_split_to_table(lower(unaccent(names)), '[^[:alpha:]]+') AS word FROM (
        SELECT concat_ws(' ', short_title, aliases, reference) AS names
            FROM timeline_measure WHERE is_published
        UNION ALL SELECT concat_ws(' ', name, acronym, aliases, described_as)
            FROM organisations_organisation WHERE is_published
        UNION ALL SELECT name FROM organisations_person WHERE is_published
        UNION ALL SELECT concat_ws(' ', title, standfirst) FROM articles_article WHERE is_published
        UNION ALL SELECT concat_ws(' ', s.heading, s.text) FROM articles_articlesection s
            JOIN articles_article a ON a.id = s.article_id WHERE a.is_published
    ) named
) words
WHERE length(word) >= 3
"""


def suggest(text: str) -> str | None:
    """The query with each word the dossier does not use replaced by the most similar word it
    does use (pg_trgm), or None when there is nothing to correct. One query."""
    typed = list(dict.fromkeys(w.lower() for w in _WORD_RE.findall(text) if w != "OR"))
    typed = typed[:_MAX_WORDS_TO_CORRECT]
    if not typed:
        return None
    sql = f"""
        WITH vocabulary AS ({_VOCABULARY_SQL})
        SELECT typed, plain, (
            SELECT word FROM vocabulary WHERE word %% plain
            ORDER BY similarity(word, plain) DESC, word LIMIT 1
        )
        FROM unnest(%s::text[]) AS typed, lower(unaccent(typed)) AS plain
    """  # noqa: S608 (no input in the SQL text)
    with connection.cursor() as cursor:
        cursor.execute(sql, [typed])
        corrections = {
            word: better for word, plain, better in cursor.fetchall() if better not in {None, plain}
        }
    if not corrections:
        return None
    return _WORD_RE.sub(lambda m: _in_case_of(m.group(), corrections.get(m.group().lower())), text)


def _in_case_of(typed: str, correction: str | None) -> str:
    """The correction written the way the reader wrote the word ("Lanzarotte" → "Lanzarote")."""
    if correction is None:
        return typed
    if typed.isupper():
        return correction.upper()
    return correction.capitalize() if typed[0].isupper() else correction


class SearchResults:
    """The hits of one search for django.core.paginator: the page the reader asked for comes
    with the counts (find()); another page, when the paginator falls back from a page out of
    range, costs one more query."""

    def __init__(self, text: str, kinds: list[Kind], asked_for: slice, found: Found):
        self.text, self.kinds, self.asked_for, self.found = text, kinds, asked_for, found

    def count(self) -> int:
        return self.found.count(self.kinds).hits

    def __getitem__(self, window: slice) -> list[Hit]:
        if window.start == self.asked_for.start:
            return self.found.hits
        return find(self.text, self.kinds, window.start, window.stop - window.start).hits
