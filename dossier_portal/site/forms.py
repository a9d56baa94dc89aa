"""The site-wide search form: what a query may be, and the message when it may not."""

from django import forms

from dossier_portal.site.search import MAX_QUERY_LENGTH, Kind


class SearchForm(forms.Form):
    # CharField already refuses NUL characters, with a message a reader can act on.
    q = forms.CharField(
        label="Search the dossier",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"A search can be at most {MAX_QUERY_LENGTH} characters long: "
            "try a few distinctive words."
        },
    )
    type = forms.ChoiceField(
        label="Show", required=False, choices=[("", "Everything"), *Kind.choices]
    )
