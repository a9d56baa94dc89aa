"""Full-text search across the dossier: articles (down to the section), measures, milestones,
organisations and people.

Each searchable model stores a weighted tsvector (dossier_portal.search_vectors). A search is
one UNION ALL query over the published rows of every model, whatever the number of hits: one
query counts the hits per type, one fetches the ranked page with its highlighted snippets, and,
only when nothing matched, one more looks for a spelling the dossier uses ("did you mean").
"""

import functools
import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank
from django.db import connection, models
from django.db.models import F, Func, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleSection, InterviewAnswer, InterviewQuestion
from dossier_portal.search_vectors import SEARCH_CONFIG
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
            hit_text=Concat(
                F("speaker__name"), Value(": "), _plain("body_html"), output_field=_TEXT
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


# Stands for the reader's text while the SQL is compiled (see _union_sql).
_PLACEHOLDER = "\ue002"


@functools.cache
def _compiled_union(kinds: tuple[Kind, ...], counting: bool) -> tuple[str, tuple]:
    branches = _branches(search_query(_PLACEHOLDER))
    # Counting selects only the kind: Postgres neither ranks nor builds snippets to count.
    first, *rest = [
        qs.values("hit_kind") if counting else qs for kind in kinds for qs in branches[kind]
    ]
    return first.union(*rest, all=True).order_by().query.sql_with_params()


def _union_sql(text: str, kinds: list[Kind], *, counting: bool = False) -> tuple[str, tuple]:
    """The UNION ALL of the branches of `kinds`, matching `text`. Compiling eight querysets
    costs the ORM more than Postgres spends running them, and the SQL depends only on the
    kinds: it is compiled once, and the text bound as a parameter each time."""
    sql, params = _compiled_union(tuple(kinds), counting)
    return sql, tuple(text if param == _PLACEHOLDER else param for param in params)


def count_hits(text: str) -> dict[str, int]:
    """How many hits each type has (types without hits are left out). One query."""
    sql, params = _union_sql(text, list(Kind), counting=True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT hit_kind, count(*) FROM ({sql}) hits GROUP BY hit_kind", params)  # noqa: S608 (SQL built by the ORM)
        return dict(cursor.fetchall())


def page_of_hits(text: str, kinds: list[Kind], offset: int, limit: int) -> list[Hit]:
    """One page of hits of the given types, best first, with highlighted snippets. One query;
    ts_headline runs on the page's rows only."""
    sql, params = _union_sql(text, kinds)
    order = "hit_rank DESC, hit_title, hit_kind, hit_slug, hit_anchor"
    page_sql = (
        f"SELECT hit_kind, hit_title, hit_context, hit_slug, hit_anchor, hit_rank, "  # noqa: S608 (SQL built by the ORM)
        f"ts_headline(%s::regconfig, hit_text, websearch_to_tsquery(%s::regconfig, %s), %s) "
        f"FROM (SELECT * FROM ({sql}) hits ORDER BY {order} LIMIT %s OFFSET %s) page "
        f"ORDER BY {order}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            page_sql,
            (SEARCH_CONFIG, SEARCH_CONFIG, text, _HEADLINE_OPTIONS, *params, limit, offset),
        )
        return [_hit(*row) for row in cursor.fetchall()]


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
    """The hits of one search, for django.core.paginator: it counts them from count_hits()
    and fetches only the page it is sliced to."""

    def __init__(self, text: str, kinds: list[Kind], count: int):
        self.text, self.kinds, self._count = text, kinds, count

    def count(self) -> int:
        return self._count

    def __getitem__(self, window: slice) -> list[Hit]:
        if not self._count:
            return []
        return page_of_hits(self.text, self.kinds, window.start, window.stop - window.start)
