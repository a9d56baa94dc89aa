"""A permalink by whatever identifier people hold: a reference as printed ("COM(2022) 209
final", "Directive 2011/93/EU"), a CELEX number, a short title or an alias. It redirects to the
measure's one URL. (/timeline/celex/<CELEX>/ is views.measure_by_celex.)"""

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Func, Value
from django.db.models.functions import Lower, Trim
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from timeline.models import Measure, normalise_reference

MAX_LENGTH = 200


class ReferenceForm(forms.Form):
    ref = forms.CharField(
        label="Reference, CELEX number or short title",
        max_length=MAX_LENGTH,
        help_text='As printed, e.g. "COM(2022) 209 final" or "Directive 2011/93/EU".',
    )


@require_safe
def by_reference(request):
    """A temporary redirect: an editor may correct a reference, and the answer with it."""
    if "ref" not in request.GET:
        return render(request, "timeline/lookup.html", {"form": ReferenceForm()})
    form = ReferenceForm(request.GET)
    # What the reader typed, shown back in the box: never a NUL, never more than fits.
    context = {"form": form, "typed": request.GET["ref"].replace("\x00", "")[:MAX_LENGTH]}
    if not form.is_valid():
        return render(request, "timeline/lookup.html", context, status=400)
    measure = find_measure(form.cleaned_data["ref"])
    if measure is None:
        form.add_error("ref", "No measure in the dossier goes by that reference.")
        return render(request, "timeline/lookup.html", context, status=404)
    return redirect(measure)


def _normalised(field: str) -> Func:
    """normalise_reference() in SQL: spacing collapsed, trimmed, lower case."""
    collapsed = Func(F(field), Value(r"\s+"), Value(" "), Value("g"), function="regexp_replace")
    return Lower(Trim(collapsed))


def _readings(identifier: str) -> list[str]:
    """What a typed identifier may stand for, most literal first: the whole of it, then what
    follows each leading word ("Directive 2011/93/EU" is also "2011/93/EU"), while a number is
    left in it."""
    words = normalise_reference(identifier).split(" ")
    tails = (" ".join(words[start:]) for start in range(len(words)))
    return [tail for tail in tails if any(c.isdigit() for c in tail)] or [" ".join(words)]


def _names() -> Func:
    """Every name a measure goes by, normalised, as one text array."""
    # A reference printed with its kind ("Directive 2011/93/EU") also goes by its number.
    number = Func(
        _normalised("reference"), Value("^([^0-9 ]+ )+"), Value(""), function="regexp_replace"
    )
    own = Func(
        _normalised("reference"),
        number,
        Lower("celex"),
        _normalised("short_title"),
        F("slug"),
        function="ARRAY",
        template="%(function)s[%(expressions)s]",
    )
    # One alias a line; the spacing inside a line is left as the editor typed it.
    aliases = Func(Lower(Trim("aliases")), Value(r"\s*\n\s*"), function="regexp_split_to_array")
    names = Func(own, aliases, function="array_cat")
    names.output_field = ArrayField(models.TextField())
    return names


def find_measure(identifier: str) -> Measure | None:
    """The published measure `identifier` names, by its reference, CELEX number, short title,
    an alias or its slug; the most literal reading wins. One query."""
    readings = _readings(identifier)
    candidates = (
        Measure.objects.published().annotate(names=_names()).filter(names__overlap=readings)
    )
    literalness = {reading: rank for rank, reading in enumerate(readings)}
    return min(
        candidates,
        key=lambda measure: min(literalness.get(name, len(readings)) for name in measure.names),
        default=None,
    )
