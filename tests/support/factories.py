"""Small builders for test data: published by default, every argument overridable."""

import datetime
from itertools import count

from articles.models import Article
from organisations.models import Organisation, Person
from timeline.models import Measure, Milestone

_sequence = count(1)


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
    return Measure.objects.create(**{**defaults, **fields})


def make_milestone(measure: Measure, **fields) -> Milestone:
    n = next(_sequence)
    defaults = {
        "slug": f"milestone-{n}",
        "date": datetime.date(2023, 11, 1),
        "date_precision": "month",
        "title": f"Event {n}",
        "is_published": True,
    }
    return Milestone.objects.create(measure=measure, **{**defaults, **fields})


def make_organisation(**fields) -> Organisation:
    n = next(_sequence)
    defaults = {"name": f"Organisation {n}", "slug": f"organisation-{n}", "is_published": True}
    return Organisation.objects.create(**{**defaults, **fields})


def make_person(**fields) -> Person:
    n = next(_sequence)
    defaults = {"name": f"Person {n}", "slug": f"person-{n}", "is_published": True}
    return Person.objects.create(**{**defaults, **fields})


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
    return Article.objects.create(**{**defaults, **fields})
