"""The timeline as a reader sees it: measures and milestones in one date order, grouped by year."""

import datetime
import functools
from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, OuterRef, Value

from dossier_portal.content.related_lists import as_json_list
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


def paginated_entries(chosen: dict, page_number, per_page: int) -> tuple[Page, list[Entry]]:
    """One page of the timeline with the `chosen` filters (TimelineFilters.chosen), cut in the
    database: a long timeline is never loaded whole.

    The page is chosen on a UNION of (date, kind, id, measure) rows; only its records are then
    fetched, so a page costs two queries whatever the size of the timeline.
    """
    page = page_counting_its_rows(chosen, page_number, per_page)
    if page is None:  # not a page with rows: Paginator tells which page to show instead
        page = Paginator(timeline_rows(chosen), per_page).get_page(page_number)
    measure_ids = {pk for _, is_milestone, pk, _ in page if not is_milestone}
    milestone_ids = {pk for _, is_milestone, pk, _ in page if is_milestone}
    return page, page_entries({measure for *_, measure in page}, measure_ids, milestone_ids)


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


@functools.cache
def _compiled_rows(chosen: tuple[tuple[str, str], ...]) -> tuple[str, tuple]:
    """timeline_rows' SQL, compiled once for each combination of filters: the filters accept
    only their choices, so there are a hundred or so, and the UNION costs the ORM more to build
    and compile than Postgres spends running it (see search.py's _compiled_union)."""
    return timeline_rows(dict(chosen)).order_by().query.sql_with_params()


def page_entries(owner_ids: set, measure_ids: set, milestone_ids: set) -> list[Entry]:
    """The entries of a page's measures and milestones, in one query: each measure the page
    shows or whose milestones it shows (`owner_ids`), with those milestones as a list
    (related_lists.py), from which Milestone records are made to be read (the fields the
    timeline prints). The ids come from the filtered rows: only publication is checked again."""
    if not owner_ids:
        return []
    shown_milestones = Milestone.objects.published().filter(
        pk__in=milestone_ids, measure=OuterRef("pk")
    )
    fields = ("id", "slug", "date", "date_precision", "title")
    owners = (
        Measure.objects.published()
        .filter(pk__in=owner_ids)
        .annotate(page_milestone_list=as_json_list(shown_milestones.order_by(), *fields))
    )
    page_measures, page_milestones = [], []
    for measure in owners:
        if measure.pk in measure_ids:
            page_measures.append(measure)
        # None when the page has no milestones: the ORM then compiles the list to NULL.
        for values in measure.page_milestone_list or []:
            date = datetime.date.fromisoformat(values["date"])
            page_milestones.append(Milestone(**{**values, "date": date}, measure=measure))
    # In the milestones' own order (date, then id), as a queryset of them would give them.
    page_milestones.sort(key=lambda milestone: (milestone.date, milestone.pk))
    return timeline_entries(page_measures, page_milestones)


def page_counting_its_rows(chosen: dict, page_number, per_page: int) -> Page | None:
    """Page `page_number` (the first when none is given) of timeline_rows(chosen), with the
    number of rows counted in the query that fetches the page (a window count) rather than in
    a COUNT of its own: one query, where Paginator needs two. None when the number is not that
    of a page with rows."""
    number = 1 if page_number is None else _whole_number(page_number)
    if number is None or number < 1:
        return None
    sql, params = _compiled_rows(tuple(sorted(chosen.items())))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT date, is_milestone, pk, measure_pk, count(*) OVER () FROM ({sql}) page_rows "  # noqa: S608 (SQL built by the ORM)
            "ORDER BY date, is_milestone, pk LIMIT %s OFFSET %s",
            (*params, per_page, (number - 1) * per_page),
        )
        found = cursor.fetchall()
    if not found and number > 1:
        return None
    count = found[0][-1] if found else 0
    # The rows' numbers stand for the rows: the paginator knows their count without a query.
    return Page([row[:-1] for row in found], number, Paginator(range(count), per_page))


def _whole_number(text) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def timeline_entries(measures, milestones) -> list[Entry]:
    entries = [Entry(m.date, m.date_precision, m) for m in measures]
    entries += [Entry(m.date, m.date_precision, m.measure, m) for m in milestones]
    return sorted(entries, key=lambda entry: entry.sort_key)


def by_year(entries: list[Entry]) -> list[Year]:
    return [
        Year(year, list(group))
        for year, group in groupby(entries, key=lambda e: e.date.year if e.date else None)
    ]
