"""Full-text search across the dossier: articles (down to the section), measures, milestones,
organisations and people.

Each searchable model stores a weighted tsvector (dossier_portal.content.search_vectors). A
search is one query over the published rows of every model (a UNION of querysets) that ranks
the hits and tells how many each type has; one more highlights the words in the page's hits
(SearchHeadline). Only when nothing matched, one more looks for a spelling the dossier uses
("did you mean", TrigramWordSimilarity), and one more checks that the spelling finds something.
"""

import difflib
import html
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import models
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, Lower, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleSection, InterviewAnswer, InterviewQuestion
from dossier_portal.content.search_vectors import SEARCH_CONFIG
from organisations.models import HelpResource, Organisation, Person, SearchSynonym
from timeline.models import Measure, Milestone

MAX_QUERY_LENGTH = 200


class Kind(models.TextChoices):
    """What a reader can narrow a search to."""

    ARTICLE = "article", "Articles"
    MEASURE = "measure", "Measures"
    MILESTONE = "milestone", "Milestones"
    ORGANISATION = "organisation", "Organisations"
    PERSON = "person", "People"


_SINGULAR_LABELS = {
    Kind.ARTICLE: "Article",
    Kind.MEASURE: "Measure",
    Kind.MILESTONE: "Milestone",
    Kind.ORGANISATION: "Organisation",
    Kind.PERSON: "Person",
}


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


# Postgres's websearch parser keeps a stack entry for each "-" (NOT) that has no word to
# exclude, and fails past 32 of them ("tsquery stack too small"). Such a "-" excludes nothing:
# dropping it changes no search.
_DANGLING_NOT = re.compile(r'-+(?![\w"])')


def search_query(text: str, alternatives: tuple[str, ...] = ()) -> SearchQuery:
    """Websearch syntax: "quoted phrases", OR, -excluded. Never a syntax error. A record
    matches the text as typed or any of its `alternatives` (in_dossier_words)."""
    query = None
    for words in (text, *alternatives):
        one = SearchQuery(
            _DANGLING_NOT.sub(" ", words), config=SEARCH_CONFIG, search_type="websearch"
        )
        query = one if query is None else query | one
    return query


def in_dossier_words(text: str) -> tuple[str, ...]:
    """The text with each reader's word that editors mapped to the dossier's words
    (SearchSynonym) replaced by those words, as a phrase: () when it has none. One query."""
    synonyms = {s.reader_words: s.dossier_words for s in SearchSynonym.objects.all()}
    if not synonyms:
        return ()
    # A whole word or phrase, not one excluded with "-" (an exclusion has no synonym).
    readers_words = re.compile(
        r"(?<![\w-])("
        + "|".join(map(re.escape, sorted(synonyms, key=len, reverse=True)))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    replaced = readers_words.sub(lambda m: f'"{synonyms[m.group().lower()]}"', text)
    return (replaced,) if replaced != text else ()


# Readers' words for the Get help page besides the words of its services.
HELP_WORDS = "help helpline hotline report support"


def help_resources(query: SearchQuery) -> list[HelpResource]:
    """The published support services of the Get help page that the query finds, by their own
    words or the words readers use for help (HELP_WORDS): one query over a few records."""
    document = SearchVector(
        _text(HELP_WORDS), "name", "region", "description", config=SEARCH_CONFIG
    )
    return list(HelpResource.objects.published().annotate(document=document).filter(document=query))


_TEXT = models.TextField()


def _text(value) -> Value:
    return Value(value, output_field=_TEXT)


def _plain(html_field: str) -> Func:
    """Stored, sanitised HTML reduced to its words for the snippet (entities are undone later)."""
    return Func(
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


@dataclass(frozen=True)
class _Source:
    """A model's published records as hits of `kind`: what a hit shows (`columns`: its title,
    context, and the slug and anchor of the `page` it links to) and the text its snippet is
    cut from."""

    kind: Kind
    records: models.QuerySet
    page: type[models.Model]
    columns: dict
    text: models.Expression


def _sources() -> list[_Source]:
    """An article's title and lead, each of its sections, and each interview question and
    answer (a hit inside the text links to the heading or question it is under); measures,
    milestones, organisations and people. A part is published with its article (or measure):
    a condition on the join its columns need anyway, not a subquery to compile per source."""
    return [
        _Source(
            Kind.ARTICLE,
            Article.objects.published(),
            Article,
            {
                "hit_title": F("title"),
                "hit_context": F("section_label"),
                "hit_slug": F("slug"),
                "hit_anchor": _text(""),
            },
            F("standfirst"),
        ),
        _Source(
            Kind.ARTICLE,
            ArticleSection.objects.filter(article__is_published=True),
            Article,
            {
                "hit_title": Coalesce(
                    NullIf(F("heading"), Value("")), F("article__title"), output_field=_TEXT
                ),
                "hit_context": F("article__title"),
                "hit_slug": F("article__slug"),
                "hit_anchor": F("anchor"),
            },
            F("text"),
        ),
        _Source(
            Kind.ARTICLE,
            InterviewQuestion.objects.filter(article__is_published=True),
            Article,
            {
                "hit_title": F("text"),
                "hit_context": F("article__title"),
                "hit_slug": F("article__slug"),
                "hit_anchor": F("anchor"),
            },
            F("text"),
        ),
        _Source(
            Kind.ARTICLE,
            InterviewAnswer.objects.filter(question__article__is_published=True),
            Article,
            {
                "hit_title": F("question__text"),
                "hit_context": F("question__article__title"),
                "hit_slug": F("question__article__slug"),
                "hit_anchor": F("question__anchor"),
            },
            # A draft speaker stays unnamed.
            Concat(
                Case(
                    When(speaker__is_published=True, then=Concat(F("speaker__name"), Value(": "))),
                    default=Value(""),
                ),
                _plain("body_html"),
                output_field=_TEXT,
            ),
        ),
        _Source(
            Kind.MEASURE,
            Measure.objects.published(),
            Measure,
            {
                "hit_title": F("short_title"),
                "hit_context": F("reference"),
                "hit_slug": F("slug"),
                "hit_anchor": _text(""),
            },
            Concat(F("title"), Value(". "), _plain("summary_html"), output_field=_TEXT),
        ),
        _Source(
            Kind.MILESTONE,
            Milestone.objects.published().filter(measure__is_published=True),
            Measure,
            {
                "hit_title": F("title"),
                "hit_context": F("measure__short_title"),
                "hit_slug": F("measure__slug"),
                "hit_anchor": F("slug"),
            },
            F("source_sentence"),
        ),
        _Source(
            Kind.ORGANISATION,
            Organisation.objects.published(),
            Organisation,
            {
                "hit_title": F("name"),
                "hit_context": F("described_as"),
                "hit_slug": F("slug"),
                "hit_anchor": _text(""),
            },
            _plain("description_html"),
        ),
        _Source(
            Kind.PERSON,
            Person.objects.published(),
            Person,
            {
                "hit_title": F("name"),
                "hit_context": _text(""),
                "hit_slug": F("slug"),
                "hit_anchor": _text(""),
            },
            _plain("bio_html"),
        ),
    ]


# A search whose words are in most records would count and rank every one of them: over the
# synthetic corpus of `make bench-scale` (10,000 measures), "child sexual abuse" has 16,361
# hits and took 142 ms. Each source's hits are read up to one more than this many, in the order
# Postgres finds them, and each type's best this many are ranked; past that the page says
# "500+" and suggests narrowing the search. The dossier itself has fewer than a hundred records
# of any type, so it is never cut.
RANKED_PER_KIND = 500

_COLUMNS = (
    "hit_kind", "hit_source", "hit_pk", "hit_title", "hit_context", "hit_slug", "hit_anchor",
    "hit_rank",
)  # fmt: skip
_ORDER = ("-hit_rank", "hit_title", "hit_kind", "hit_slug", "hit_anchor")


def _ranked(sources: list[_Source], query: SearchQuery, cut: int) -> list[dict]:
    """Every source's first `cut` + 1 matches, best first: one query."""
    first, *rest = [
        source.records.filter(search_vector=query)
        .annotate(
            hit_kind=_text(source.kind.value),
            hit_source=Value(number),
            hit_pk=F("pk"),
            hit_rank=SearchRank(F("search_vector"), _wanted_part(query)),
            **source.columns,
        )
        .values(*_COLUMNS)
        .order_by()[: cut + 1]
        for number, source in enumerate(sources)
    ]
    return list(first.union(*rest, all=True).order_by(*_ORDER))


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
    """What one search found: each type's count, and its ranked hits (as rows, best first)."""

    text: str
    counts: dict[str, Count]  # types without hits are left out
    rows: list[dict]
    ranked_per_kind: int

    def count(self, kinds: list[Kind]) -> Count:
        return sum((self.counts.get(kind, Count()) for kind in kinds), Count())

    def rows_of(self, kinds: list[Kind]) -> list[dict]:
        return [row for row in self.rows if row["hit_kind"] in kinds]


def find(text: str, alternatives: tuple[str, ...] = ()) -> Found:
    """How many hits each type has and its best RANKED_PER_KIND hits, best first."""
    cut = RANKED_PER_KIND
    matched = Counter()
    rows = []
    for row in _ranked(_sources(), search_query(text, alternatives), cut):
        matched[row["hit_kind"]] += 1
        if matched[row["hit_kind"]] <= cut:
            rows.append(row)
    counts = {kind: Count(min(number, cut), number > cut) for kind, number in matched.items()}
    return Found(text, counts, rows, cut)


def hits(text: str, rows: list[dict], alternatives: tuple[str, ...] = ()) -> list[Hit]:
    """`rows` (a page of Found.rows) as hits, each with its snippet: one query."""
    sources = _sources()
    snippets = _snippets(sources, search_query(text, alternatives), rows)
    return [
        Hit(
            kind=row["hit_kind"],
            title=row["hit_title"],
            context=row["hit_context"],
            url=_url(sources[row["hit_source"]].page, row["hit_slug"], row["hit_anchor"]),
            snippet=_snippet(snippets.get((row["hit_source"], row["hit_pk"]), "")),
            rank=row["hit_rank"],
        )
        for row in rows
    ]


# Private-use characters mark the matches in ts_headline's output: they cannot occur in the
# dossier, so the snippet can be escaped as a whole and the marks turned into <mark> afterwards.
_START, _STOP = "\ue000", "\ue001"


def _snippets(sources: list[_Source], query: SearchQuery, rows: list[dict]) -> dict:
    """The highlighted snippet of each row's record, by (source, pk). ts_headline is slow: it
    runs on the page's records only, never on every match."""
    wanted = defaultdict(list)
    for row in rows:
        wanted[row["hit_source"]].append(row["hit_pk"])
    if not wanted:
        return {}
    # Postgres's own MaxWords (35) and MinWords (15) are left to it: Django writes each option
    # given into the SQL on every request, at a cost out of all proportion.
    headline = {"config": SEARCH_CONFIG, "start_sel": _START, "stop_sel": _STOP}
    headline |= {"max_fragments": 2}
    first, *rest = [
        sources[number]
        .records.filter(pk__in=pks)
        .annotate(
            hit_source=Value(number),
            hit_snippet=SearchHeadline(sources[number].text, query, **headline),
        )
        .values_list("hit_source", "pk", "hit_snippet")
        .order_by()
        for number, pks in wanted.items()
    ]
    # A union orders by its first model's Meta.ordering unless told otherwise: no order here.
    together = first.union(*rest, all=True).order_by()
    return {(number, pk): snippet for number, pk, snippet in together}


def _url(page: type[models.Model], slug: str, anchor: str) -> str:
    url = page(slug=slug).get_absolute_url()
    return f"{url}#{anchor}" if anchor else url


def _snippet(headline: str) -> SafeString:
    words = re.sub(r"\s+", " ", html.unescape(headline or "")).strip()
    return mark_safe(escape(words).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308 (escaped first)


# Words a reader may have misspelt: letters only, three or more, not websearch's OR.
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_MAX_WORDS_TO_CORRECT = 8
# How alike a typed word and a word of the dossier must be (pg_trgm's word_similarity, 0 to 1):
# one wrong letter in six ("onlime") scores 0.57, where pg_trgm's own threshold (0.6) would
# miss it. A correction is offered only when it finds something.
_SIMILAR_ENOUGH = 0.5
# The records of each source most similar to the typed words that are read.
_CANDIDATES_PER_SOURCE = 5


def _vocabulary() -> list[tuple[models.QuerySet, tuple[str, ...]]]:
    """What the dossier names (short titles, names, headings, aliases, references) and its
    articles' words: what a misspelt query is corrected against. Measures' full titles and
    summaries and milestones are left out: they grow with the timeline, and each search that
    finds nothing reads all of these."""
    published_articles = Article.objects.published()
    return [
        (Measure.objects.published(), ("short_title", "aliases", "reference")),
        (Organisation.objects.published(), ("name", "acronym", "aliases", "described_as")),
        (Person.objects.published(), ("name",)),
        (published_articles, ("title", "standfirst")),
        (ArticleSection.objects.filter(article__in=published_articles), ("heading", "text")),
    ]


def _words(text: str) -> str:
    """Lower case, accents removed, as unaccent() does in the database."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def suggest(text: str) -> str | None:
    """The query with each word the dossier does not use replaced by the most similar word it
    does use, or None when there is nothing to correct. One query finds, for the typed words,
    the names most similar to them (pg_trgm's word_similarity); the closest word within the
    best of them is then the correction."""
    typed = list(dict.fromkeys(w.lower() for w in _WORD_RE.findall(text) if w != "OR"))
    typed = typed[:_MAX_WORDS_TO_CORRECT]
    if not typed:
        return None
    candidates = _similar_names([_words(word) for word in typed])
    corrections = {}
    for number, word in enumerate(typed):
        score, names = max(((row[number + 1], row[0]) for row in candidates), default=(0, ""))
        if score >= _SIMILAR_ENOUGH:
            better = _closest_word(_words(word), names)
            if better != _words(word):
                corrections[word] = better
    if not corrections:
        return None
    return _WORD_RE.sub(lambda m: _in_case_of(m.group(), corrections.get(m.group().lower())), text)


def _similar_names(plain_words: list[str]) -> list[tuple]:
    """(names, similarity to each word...) rows: the records whose names come closest to any
    of `plain_words`, a few of each source, in one query."""
    scores = {f"score_{n}": TrigramWordSimilarity(w, "names") for n, w in enumerate(plain_words)}
    closest = Greatest(*scores) if len(scores) > 1 else F(*scores)
    first, *rest = [
        records.annotate(names=_names(fields), **scores)
        .filter(Q.create([(f"{name}__gte", _SIMILAR_ENOUGH) for name in scores], connector=Q.OR))
        .order_by(closest.desc())
        .values_list("names", *scores)[:_CANDIDATES_PER_SOURCE]
        for records, fields in _vocabulary()
    ]
    return list(first.union(*rest, all=True).order_by())


def _names(fields: tuple[str, ...]) -> Lower:
    parts = [part for field in fields for part in (F(field), Value(" "))]
    return Lower(Unaccent(Concat(*parts, output_field=_TEXT)))


def _closest_word(word: str, names: str) -> str:
    """The word of `names` most like `word` (the names are similar to it as a whole)."""
    return max(
        _WORD_RE.findall(names),
        key=lambda w: difflib.SequenceMatcher(None, word, w).ratio(),
        default=word,
    )


def _in_case_of(typed: str, correction: str | None) -> str:
    """The correction written the way the reader wrote the word ("Lanzarotte" → "Lanzarote")."""
    if correction is None:
        return typed
    if typed.isupper():
        return correction.upper()
    return correction.capitalize() if typed[0].isupper() else correction
