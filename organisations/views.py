from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from dossier_portal.content.mentions import places_mentioning
from organisations.models import Affiliation, Organisation, Person

PER_PAGE = 50


@require_safe
def index(request):
    page = Paginator(Organisation.objects.published(), PER_PAGE).get_page(request.GET.get("page"))
    context = {"organisations": page, "page": page, "kinds": kinds_with_their_organisations(page)}
    return render(request, "organisations/index.html", context)


def kinds_with_their_organisations(page) -> list[dict]:
    """The directory grouped by kind, in the order of Organisation.Kind, each with how many
    published organisations it has in all (one query) and those of this page, in dossier order."""
    counts = dict(
        Organisation.objects.published().order_by().values_list("kind").annotate(count=Count("pk"))
    )
    on_page = {}
    for organisation in page:
        on_page.setdefault(organisation.kind, []).append(organisation)
    return [
        {"kind": kind, "label": label, "count": counts[kind], "organisations": on_page[kind]}
        for kind, label in Organisation.Kind.choices
        if kind in on_page
    ]


@require_safe
def people(request):
    """Everyone the dossier names with a page of their own, by name, with their roles."""
    everyone = Person.objects.published().prefetch_related(
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.filter(organisation__is_published=True).select_related(
                "organisation"
            ),
        )
    )
    page = Paginator(everyone, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "organisations/people.html", {"people": page, "page": page})


@require_safe
def detail(request, slug):
    """The organisation with its further links and its published people: a query for each."""
    people = Affiliation.objects.filter(person__is_published=True).select_related("person")
    organisations = Organisation.objects.visible_to(request.user).prefetch_related(
        Prefetch("links", to_attr="link_list"),
        Prefetch("affiliations", queryset=people, to_attr="people_list"),
    )
    organisation = get_object_or_404(organisations, slug=slug)
    context = {
        "organisation": organisation,
        "object": organisation,
        "mentioned_in": places_mentioning(organisation),
    }
    return render(request, "organisations/detail.html", context)


@require_safe
def person(request, slug):
    # The articles are reached through the relation's name: this app imports nothing of articles.
    people = Person.objects.visible_to(request.user).prefetch_related(
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.filter(organisation__is_published=True).select_related(
                "organisation"
            ),
        ),
        "contributions_to",
    )
    person = get_object_or_404(people, slug=slug)
    context = {
        "person": person,
        "object": person,
        "affiliations": person.affiliations.all(),
        "articles": [a for a in person.contributions_to.all() if a.is_published],
    }
    return render(request, "organisations/person.html", context)
