"""The timeline as a reader sees it: measures and milestones in one date order, grouped by year."""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Value

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


def paginated_entries(measures, milestones, page_number, per_page: int) -> tuple[Page, list[Entry]]:
    """One page of the timeline, cut in the database: a long timeline is never loaded whole.

    The page is chosen on a UNION of (date, kind, id) rows; only its records are then fetched,
    so a page costs four queries whatever the size of the timeline.
    """
    rows = (
        measures.annotate(is_milestone=Value(False))
        .values_list("date", "is_milestone", "pk")
        .union(
            milestones.annotate(is_milestone=Value(True)).values_list("date", "is_milestone", "pk"),
            all=True,
        )
        .order_by("date", "is_milestone", "pk")  # Postgres puts undated (NULL) rows last
    )
    page = Paginator(rows, per_page).get_page(page_number)
    measure_ids = [pk for _, is_milestone, pk in page if not is_milestone]
    milestone_ids = [pk for _, is_milestone, pk in page if is_milestone]
    return page, timeline_entries(
        measures.filter(pk__in=measure_ids) if measure_ids else [],
        milestones.filter(pk__in=milestone_ids) if milestone_ids else [],
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
