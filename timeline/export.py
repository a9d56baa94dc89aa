"""The timeline as CSV, for spreadsheets and scripts: one row per measure and per milestone, in
the timeline's date order, dates at the precision the dossier gives them."""

import csv

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from dossier_portal.content.dates import iso_at_precision
from timeline.entries import Entry, timeline_entries
from timeline.models import Measure, Milestone

COLUMNS = [
    "date",
    "date_precision",
    "entry",
    "title",
    "measure",
    "measure_title",
    "kind",
    "reference",
    "celex",
    "status",
    "url",
]


def _row(request, entry: Entry) -> list[str]:
    measure, milestone = entry.measure, entry.milestone
    shown = milestone or measure
    return [
        iso_at_precision(entry.date, entry.precision),
        entry.precision if entry.date else "",
        "milestone" if milestone else "measure",
        milestone.title if milestone else measure.title,
        measure.short_title,
        measure.title,
        measure.kind,
        measure.reference,
        measure.celex,
        measure.status,
        request.build_absolute_uri(shown.get_absolute_url()),
    ]


# A cell starting with one of these runs as a formula when the file is opened in a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Text an editor typed stays text in a spreadsheet (OWASP's CSV injection advice)."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


@require_safe
def timeline_csv(request):
    measures = Measure.objects.published()
    milestones = Milestone.objects.published().filter(measure__in=measures)
    milestones = milestones.select_related("measure")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="dossier-timeline.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    writer.writerows(
        [spreadsheet_safe(cell) for cell in _row(request, entry)]
        for entry in timeline_entries(measures, milestones)
    )
    return response
