"""Dates at the precision the dossier gives them: "23 June 2025", "November 2023", "2017"."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


_FORMATS = {
    DatePrecision.DAY: "{d.day} {d:%B} {d.year}",
    DatePrecision.MONTH: "{d:%B} {d.year}",
    DatePrecision.YEAR: "{d.year}",
}


def format_date(value: datetime.date | None, precision: str) -> str:
    """The date as a reader should see it, never more precise than the source."""
    if value is None:
        return ""
    return _FORMATS[DatePrecision(precision)].format(d=value)


def iso_at_precision(value: datetime.date | None, precision: str) -> str:
    """ISO 8601 truncated to the precision ("2023-11", "2017"): for <time datetime> and JSON."""
    if value is None:
        return ""
    iso = value.isoformat()
    return {DatePrecision.DAY: iso, DatePrecision.MONTH: iso[:7], DatePrecision.YEAR: iso[:4]}[
        DatePrecision(precision)
    ]


def validate_precision(value: datetime.date | None, precision: str, field: str) -> None:
    """A month-precise date is stored as the 1st of its month, a year-precise one as 1 January."""
    if value is None:
        return
    if precision == DatePrecision.MONTH and value.day != 1:
        raise ValidationError(
            {field: "A date known only to the month is stored as the 1st of that month."}
        )
    if precision == DatePrecision.YEAR and (value.month, value.day) != (1, 1):
        raise ValidationError({field: "A date known only to the year is stored as 1 January."})


# The timeline's dates: none before the Council of Europe was founded (1949), none more than ten
# years ahead (a typo such as 2999 would otherwise become the home page's latest milestone).
EARLIEST = datetime.date(1949, 1, 1)
YEARS_AHEAD = 10


def latest_plausible(today: datetime.date | None = None) -> datetime.date:
    today = today or datetime.date.today()
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


def validate_plausible(value: datetime.date | None, field: str) -> None:
    if value is None:
        return
    latest = latest_plausible()
    if not EARLIEST <= value <= latest:
        raise ValidationError(
            {
                field: f"{format_date(value, DatePrecision.DAY)} is not a date of this timeline: "
                f"enter one between {format_date(EARLIEST, DatePrecision.DAY)} and "
                f"{format_date(latest, DatePrecision.DAY)}."
            }
        )


def validate_all(*checks) -> None:
    """Run each check (a callable raising ValidationError) and raise all their errors at once,
    so the editor sees every problem of the form in one go."""
    errors = {}
    for check in checks:
        try:
            check()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
