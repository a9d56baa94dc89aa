"""Small builders for test data: published by default, every argument overridable."""

import datetime
from itertools import count

import reversion

from articles.models import Article
from organisations.models import Organisation, Person
from timeline.models import Measure, Milestone

_sequence = count(1)


def created(model, **fields):
    """The record, with its first revision, as load_dossier or the admin would record it."""
    with reversion.create_revision():
        return model.objects.create(**fields)


def make_measure(**fields) -> Measure:
    n = next(_sequence)
    defaults = {
        "title": f"Proposal for a regulation number {n}",
        "short_title": f"Measure {n}",
        "slug": f"measure-{n}",
        "kind": Measure.Kind.PROPOSED_REGULATION,
        "date": datetime.date(2022, 5, 11),
        "is_published": True,
    }
    return created(Measure, **{**defaults, **fields})


def make_milestone(measure: Measure, **fields) -> Milestone:
    n = next(_sequence)
    defaults = {
        "slug": f"milestone-{n}",
        "date": datetime.date(2023, 11, 1),
        "date_precision": "month",
        "title": f"Event {n}",
        "is_published": True,
    }
    return created(Milestone, measure=measure, **{**defaults, **fields})


def make_organisation(**fields) -> Organisation:
    n = next(_sequence)
    defaults = {"name": f"Organisation {n}", "slug": f"organisation-{n}", "is_published": True}
    return created(Organisation, **{**defaults, **fields})


def make_person(**fields) -> Person:
    n = next(_sequence)
    defaults = {"name": f"Person {n}", "slug": f"person-{n}", "is_published": True}
    return created(Person, **{**defaults, **fields})


def make_article(**fields) -> Article:
    n = next(_sequence)
    defaults = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "kind": Article.Kind.ARTICLE,
        "position": n,
        "body": "## A section\n\nSome text.",
        "is_published": True,
    }
    return created(Article, **{**defaults, **fields})
