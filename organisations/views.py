from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from dossier_portal.content.mentions import places_mentioning
from organisations.models import Affiliation, Organisation, Person

PER_PAGE = 50


@require_safe
def index(request):
    page = Paginator(Organisation.objects.published(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "organisations/index.html", {"organisations": page, "page": page})


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
