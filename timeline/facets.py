"""The timeline's filters as facets: each value offered with the number of entries it would show
alongside the other filters chosen, and only if it shows any (or is the one chosen). One query
counts the entries by every filter's field; the counts and the page's total come from it."""

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import Count, Q

from timeline.models import Measure


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    query: str  # the timeline's query string with this value chosen, the other filters kept
    is_chosen: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    all_label: str
    all_query: str  # the query string without this filter
    options: list[Option]


def entry_counts(names: list[str]) -> list[dict]:
    """Published entries (a measure and each of its published milestones) by the measures'
    fields `names`, in one query."""
    return list(
        Measure.objects.published()
        .values(*names)
        .annotate(
            entries=Count("pk", distinct=True)
            + Count("milestones", filter=Q(milestones__is_published=True), distinct=True)
        )
        .order_by()
    )


def matching(counts: list[dict], chosen: dict) -> list[dict]:
    return [row for row in counts if all(row[name] == value for name, value in chosen.items())]


def total(counts: list[dict], chosen: dict) -> int:
    """The number of entries the `chosen` filters show."""
    return sum(row["entries"] for row in matching(counts, chosen))


def facets(counts: list[dict], chosen: dict, form: forms.Form) -> list[Facet]:
    """A facet for each of the filter form's fields, with its label and its "all" choice."""
    names = list(form.fields)
    return [
        facet(counts, chosen, names, name, field.label, field.choices[0][1])
        for name, field in form.fields.items()
    ]


def facet(counts, chosen: dict, names: list[str], name: str, label, all_label) -> Facet:
    others = {other: value for other, value in chosen.items() if other != name}
    by_value = Counter()
    for row in matching(counts, others):
        by_value[row[name]] += row["entries"]
    options = []
    for value, text in Measure._meta.get_field(name).choices:
        is_chosen = chosen.get(name) == value
        # A value with no entries is not offered; the chosen one stays, to show what is chosen.
        if value and (by_value[value] or is_chosen):
            filters = query(names, {**others, name: value})
            options.append(Option(value, str(text), by_value[value], filters, is_chosen))
    return Facet(name, str(label), str(all_label), query(names, others), options)


def query(names: list[str], filters: dict) -> str:
    """A query string in the form's order, so a choice of filters has one address."""
    return urlencode([(name, filters[name]) for name in names if filters.get(name)])
