"""The timeline as a reader sees it: measures and milestones in one date order, grouped by year."""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import F, Value

from timeline.models import Measure, Milestone


@dataclass(frozen=True)
class Entry:
    date: datetime.date | None
    precision: str
    measure: Measure
    milestone: Milestone | None = None

    @property
    def is_milestone(self) -> bool:
        return self.milestone is not None

    @property
    def sort_key(self):
        # Undated measures go last; on the same day a measure comes before its milestones.
        return (self.date is None, self.date or datetime.date.min, self.is_milestone)


@dataclass(frozen=True)
class Year:
    year: int | None
    entries: list[Entry]


class CountedPaginator(Paginator):
    """A paginator told how many rows there are (the filters' counts hold the number): it runs
    no COUNT query of its own."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self.count = count  # takes the place of Paginator's cached count


def paginated_entries(
    chosen: dict, page_number, per_page: int, count: int
) -> tuple[Page, list[Entry]]:
    """One page of the `count` entries with the `chosen` filters (TimelineFilters.chosen), cut
    in the database: a long timeline is never loaded whole. The page's rows, then its measures
    and milestones, cost a query each, whatever the size of the timeline."""
    page = CountedPaginator(timeline_rows(chosen), per_page, count).get_page(page_number)
    rows = list(page)
    measure_ids = [pk for _, is_milestone, pk, _ in rows if not is_milestone]
    milestone_ids = [pk for _, is_milestone, pk, _ in rows if is_milestone]
    # Publication is checked again: it may have changed since the rows were read.
    measures = Measure.objects.published().filter(pk__in=measure_ids) if measure_ids else []
    milestones = (
        Milestone.objects.published().filter(pk__in=milestone_ids).select_related("measure")
        if milestone_ids
        else []
    )
    return page, timeline_entries(measures, milestones)


def timeline_rows(chosen: dict):
    """A (date, is_milestone, pk, measure pk) row for each published measure matching
    `chosen` and each published milestone of one, in the timeline's order."""
    measures = Measure.objects.published().filter(**chosen)
    milestones = Milestone.objects.published().filter(
        measure__is_published=True, **{f"measure__{name}": value for name, value in chosen.items()}
    )
    columns = ("date", "is_milestone", "pk", "measure_pk")
    return (
        measures.annotate(is_milestone=Value(False), measure_pk=F("pk"))
        .values_list(*columns)
        .union(
            milestones.annotate(is_milestone=Value(True), measure_pk=F("measure")).values_list(
                *columns
            ),
            all=True,
        )
        .order_by("date", "is_milestone", "pk")  # Postgres puts undated (NULL) rows last
    )


def timeline_entries(measures, milestones) -> list[Entry]:
    entries = [Entry(m.date, m.date_precision, m) for m in measures]
    entries += [Entry(m.date, m.date_precision, m.measure, m) for m in milestones]
    return sorted(entries, key=lambda entry: entry.sort_key)


def by_year(entries: list[Entry]) -> list[Year]:
    return [
        Year(year, list(group))
        for year, group in groupby(entries, key=lambda e: e.date.year if e.date else None)
    ]
