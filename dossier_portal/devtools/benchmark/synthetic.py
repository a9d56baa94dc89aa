"""A synthetic corpus for scale tests: many times the dossier's content, clearly marked (slugs
start with `synthetic-`, titles with `[Synthetic]`) and removable. Written with bulk inserts,
so it raises the content version once itself.

Text is drawn with a fixed seed from the dossier's own vocabulary, so full-text search meets
realistic word frequencies: some words everywhere, most in few records.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import escape

from dossier_portal.content.content_version import bump_content_version

SLUG_PREFIX = "synthetic-"
TITLE_PREFIX = "[Synthetic] "
BATCH = 2000
# After the dossier's own positions (Article.position is unique).
FIRST_POSITION = 100_000
# Each article's first section links by hand to one of the first measures, as the dossier's
# key-measures table does: each of those is linked from many texts (articles / LINKED_MEASURES).
LINKED_MEASURES = 100

COMMON_WORDS = (
    *("child", "sexual", "abuse", "online", "platforms", "protection", "children", "youth"),
    *("digital", "violence", "regulation", "directive", "proposal", "member", "states"),
    *("european", "union", "council", "commission", "parliament", "detection", "reporting"),
    *("removal", "material", "victims", "support", "prevention", "education", "grooming"),
)
RARE_WORDS = (
    *("hotline", "helpline", "encryption", "scanning", "age", "verification", "sextortion"),
    *("livestreaming", "deepfake", "moderation", "transparency", "accountability", "survivors"),
    *("cooperation", "coordination", "prosecution", "jurisdiction", "evidence", "network"),
    *("advocacy", "research", "monitoring", "awareness", "safeguarding"),
)


@dataclass(frozen=True)
class CorpusSize:
    measures: int = 10_000
    milestones_per_measure: int = 5
    articles: int = 2_000
    sections_per_article: int = 4
    organisations: int = 1_000


def model(label: str):
    return apps.get_model(label)


def holds_real_content() -> bool:
    """Whether this database holds anything but synthetic content (the guard against writing
    synthetic records into a real database)."""
    return any(
        model(label).objects.exclude(slug__startswith=SLUG_PREFIX).exists()
        for label in ("articles.Article", "timeline.Measure", "organisations.Organisation")
    )


def sentence(rng: random.Random, words: int = 14) -> str:
    drawn = [rng.choice(RARE_WORDS if rng.random() < 0.2 else COMMON_WORDS) for _ in range(words)]
    return " ".join(drawn).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


@transaction.atomic
def generate(size: CorpusSize, seed: int = 2025) -> None:
    rng = random.Random(seed)
    start = next_number()
    measures = _create_measures(rng, size, start)
    _create_milestones(rng, size, measures)
    _create_articles(rng, size, start)
    _create_organisations(rng, size, start)
    bump_content_version()


def next_number() -> int:
    """Numbers go on from what is there, so the corpus can grow in steps (10, then 1,000)."""
    return model("timeline.Measure").objects.filter(slug__startswith=SLUG_PREFIX).count() + 1


def _create_measures(rng, size, start):
    measure = model("timeline.Measure")
    first_day = datetime.date(1990, 1, 1)
    records = []
    for n in range(start, start + size.measures):
        summary = paragraph(rng)
        records.append(
            measure(
                title=f"{TITLE_PREFIX}Proposal number {n} on {sentence(rng, 6)}",
                short_title=f"Synthetic measure {n}",
                slug=f"{SLUG_PREFIX}measure-{n}",
                kind=measure.Kind.PROPOSED_REGULATION,
                date=first_day + datetime.timedelta(days=rng.randrange(13_000)),
                status=measure.Status.IN_NEGOTIATION,
                summary=summary,
                summary_html=f"<p>{escape(summary)}</p>",
                is_published=True,
            )
        )
    return measure.objects.bulk_create(records, batch_size=BATCH)


def _create_milestones(rng, size, measures):
    milestone = model("timeline.Milestone")
    records = [
        milestone(
            measure=measure,
            slug=f"milestone-{k}",
            date=measure.date + datetime.timedelta(days=30 * k),
            title=f"{TITLE_PREFIX}{sentence(rng, 5)}",
            source_sentence=sentence(rng),
            is_published=True,
        )
        for measure in measures
        for k in range(size.milestones_per_measure)
    ]
    milestone.objects.bulk_create(records, batch_size=BATCH)


def linked_measure(n: int) -> int:
    """The number of the measure that article `n` links to."""
    return (n - 1) % LINKED_MEASURES + 1


def _create_articles(rng, size, start):
    article, section = model("articles.Article"), model("articles.ArticleSection")
    articles = article.objects.bulk_create(
        [
            article(
                title=f"{TITLE_PREFIX}Article {n}: {sentence(rng, 5)}",
                slug=f"{SLUG_PREFIX}article-{n}",
                kind=article.Kind.ARTICLE,
                position=FIRST_POSITION + n,
                standfirst=sentence(rng),
                is_published=True,
            )
            for n in range(start, start + size.articles)
        ],
        batch_size=BATCH,
    )
    sections = []
    for record in articles:
        parts = []
        for k in range(size.sections_per_article):
            heading, text = f"Section {k + 1}", paragraph(rng, 8)
            anchor = f"section-{k + 1}"
            sections.append(
                section(article=record, position=k, anchor=anchor, heading=heading, text=text)
            )
            parts.append(f'<h2 id="{anchor}">{heading}</h2>\n<p>{escape(text)}</p>')
        record.body = "\n\n".join(f"## {s.heading}\n\n{s.text}" for s in sections[-len(parts) :])
        record.body_html = "\n".join(parts)
        _link_by_hand(record)
    article.objects.bulk_update(articles, ["body", "body_html"], batch_size=BATCH)
    section.objects.bulk_create(sections, batch_size=BATCH)
    _record_typed_links(articles)


def _link_by_hand(article) -> None:
    """A typed link to a measure after the first section's text, as rendering would show it."""
    n = linked_measure(article.position - FIRST_POSITION)
    link = f"[Synthetic measure {n}](/timeline/{SLUG_PREFIX}measure-{n}/)"
    html = f'<a href="/timeline/{SLUG_PREFIX}measure-{n}/">Synthetic measure {n}</a>'
    article.body = article.body.replace("\n\n## Section 2", f" See {link}.\n\n## Section 2", 1)
    article.body_html = article.body_html.replace("</p>\n<h2", f" See {html}.</p>\n<h2", 1)


def _record_typed_links(articles) -> None:
    """The mentions rendering would record for the typed links (Mention.href)."""
    measures = dict(
        model("timeline.Measure")
        .objects.filter(slug__startswith=SLUG_PREFIX)
        .values_list("slug", "pk")
    )
    mentions = []
    for article in articles:
        slug = f"{SLUG_PREFIX}measure-{linked_measure(article.position - FIRST_POSITION)}"
        if slug in measures:
            mentions.append(
                model("dossier_portal.Mention")(
                    source=article,
                    anchor="section-1",
                    heading="Section 1",
                    href=f"/timeline/{slug}/",
                    target_type=ContentType.objects.get_for_model(model("timeline.Measure")),
                    target_id=measures[slug],
                )
            )
    model("dossier_portal.Mention").objects.bulk_create(mentions, batch_size=BATCH)


def _create_organisations(rng, size, start):
    organisation, person = model("organisations.Organisation"), model("organisations.Person")
    affiliation = model("organisations.Affiliation")
    organisations = organisation.objects.bulk_create(
        [
            organisation(
                name=f"{TITLE_PREFIX}Organisation {n}",
                slug=f"{SLUG_PREFIX}organisation-{n}",
                description=(text := paragraph(rng)),
                description_html=f"<p>{escape(text)}</p>",
                position=FIRST_POSITION + n,
                is_published=True,
            )
            for n in range(start, start + size.organisations)
        ],
        batch_size=BATCH,
    )
    people = person.objects.bulk_create(
        [
            person(
                name=f"{TITLE_PREFIX}Person {n}", slug=f"{SLUG_PREFIX}person-{n}", is_published=True
            )
            for n in range(start, start + size.organisations)
        ],
        batch_size=BATCH,
    )
    affiliation.objects.bulk_create(
        [
            affiliation(person=someone, organisation=place, role="Synthetic role")
            for someone, place in zip(people, organisations, strict=True)
        ],
        batch_size=BATCH,
    )


@transaction.atomic
def remove() -> int:
    """Delete every synthetic record (children go with their parents); returns how many."""
    removed = 0
    for label in (
        "articles.Article",
        "timeline.Measure",
        "organisations.Organisation",
        "organisations.Person",
    ):
        count, _ = model(label).objects.filter(slug__startswith=SLUG_PREFIX).delete()
        removed += count
    # The typed links' mentions (their source, a generic relation, does not take them along).
    model("dossier_portal.Mention").objects.filter(
        href__startswith=f"/timeline/{SLUG_PREFIX}"
    ).delete()
    bump_content_version()
    return removed
