"""The timeline as a reader sees it: measures and milestones in one date order, grouped by year."""

import datetime
from dataclasses import dataclass
from itertools import groupby

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


def timeline_entries(measures, milestones) -> list[Entry]:
    entries = [Entry(m.date, m.date_precision, m) for m in measures]
    entries += [Entry(m.date, m.date_precision, m.measure, m) for m in milestones]
    return sorted(entries, key=lambda entry: entry.sort_key)


def by_year(entries: list[Entry]) -> list[Year]:
    return [
        Year(year, list(group))
        for year, group in groupby(entries, key=lambda e: e.date.year if e.date else None)
    ]
