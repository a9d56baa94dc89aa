"""The search page: the form, the Get help page's services when the reader looks for help, the
hits a page at a time (the dossier's words searched too, where editors mapped a reader's word to
them), the filters by type, "did you mean"."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from dossier_portal.site.forms import SearchForm
from dossier_portal.site.search import (
    MAX_QUERY_LENGTH,
    Found,
    Kind,
    find,
    help_resources,
    hits,
    in_dossier_words,
    search_query,
    suggest,
)

HITS_PER_PAGE = 20


@require_safe
def search(request):
    """Bad input (too long, a NUL character, an unknown type) gets the form back with its error
    and a 400; an empty query gets the form alone."""
    form = SearchForm(request.GET)
    # What the reader typed, shown back in the box: never a NUL, never more than fits.
    typed = request.GET.get("q", "").replace("\x00", "")[:MAX_QUERY_LENGTH]
    if not form.is_valid():
        return render(request, "search.html", {"form": form, "typed": typed}, status=400)
    text, kind = form.cleaned_data["q"].strip(), form.cleaned_data["type"]
    if not text:
        return render(request, "search.html", {"form": form, "typed": typed})
    kinds = [Kind(kind)] if kind else list(Kind)
    alternatives = in_dossier_words(text)
    found = find(text, alternatives)
    # A page number that is no page (not a number, past the last) shows the nearest page.
    page = Paginator(found.rows_of(kinds), HITS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = hits(text, page.object_list, alternatives)
    total = found.count(list(Kind))
    context = {
        "form": form,
        "typed": typed,
        "query": text,
        "also_searched": alternatives,
        # A reader looking for help gets the Get help page first, whatever else matches.
        "help_resources": help_resources(search_query(text, alternatives)),
        "page": page,
        "shown": found.count(kinds),
        "total": total,
        "ranked_per_kind": found.ranked_per_kind,
        "facets": _facets(text, kind, found),
        "suggestion": _suggestion(text) if not total else None,
    }
    return render(request, "search.html", context)


def _facets(text: str, selected: str, found: Found) -> list[dict]:
    """The links that narrow the search to one type, with its number of hits."""
    return [
        {
            "label": label,
            "count": found.count([Kind(value)] if value else list(Kind)),
            "url": "?" + urlencode({"q": text, "type": value}),
            "selected": value == selected,
        }
        for value, label in SearchForm.base_fields["type"].choices
    ]


def _suggestion(text: str) -> str | None:
    """A corrected spelling, offered only when it finds something."""
    corrected = suggest(text)
    return corrected if corrected and find(corrected).counts else None
