from django import forms

from timeline.models import Measure


class FilterSelect(forms.Select):
    """A menu of plain choices (no groups, no per-option attributes), its options written in
    one template: Django's own includes two templates per option, which made the three
    filters a tenth of the timeline's rendering. The HTML is the same."""

    template_name = "timeline/widgets/filter_select.html"


class TimelineFilters(forms.Form):
    """The timeline's filters, all optional. A value that is not a choice is ignored."""

    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "All kinds"), *Measure.Kind.choices],
        widget=FilterSelect,
    )
    body = forms.ChoiceField(
        label="Issued by",
        required=False,
        choices=[("", "All bodies"), *Measure.Body.choices],
        widget=FilterSelect,
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *((v, label) for v, label in Measure.Status.choices if v)],
        widget=FilterSelect,
    )

    def chosen(self) -> dict[str, str]:
        """The valid filters a reader set; invalid ones are dropped, not an error."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def offer(self, facets) -> None:
        """Offer only the values that show entries, each with how many (timeline/facets.py).
        Called after validation: any of the measures' values is still a valid filter."""
        for facet in facets:
            self.fields[facet.name].choices = [
                ("", facet.all_label),
                *((option.value, f"{option.label} ({option.count})") for option in facet.options),
            ]
