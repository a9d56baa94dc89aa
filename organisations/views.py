from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from dossier_portal.mentions import places_mentioning
from dossier_portal.related_lists import as_json_list
from organisations.models import Affiliation, Organisation, OrganisationLink, Person


@require_safe
def index(request):
    page = Paginator(Organisation.objects.published(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "organisations/index.html", {"organisations": page, "page": page})


PER_PAGE = 50


def with_related_lists(organisations):
    """Its further links and its people, inside the organisation's own query."""
    this_organisation = OuterRef("pk")
    people = Affiliation.objects.filter(organisation=this_organisation, person__is_published=True)
    return organisations.annotate(
        link_list=as_json_list(
            OrganisationLink.objects.filter(organisation=this_organisation), "label", "url"
        ),
        people_list=as_json_list(people, "role", slug=F("person__slug"), name=F("person__name")),
    )


@require_safe
def detail(request, slug):
    organisations = with_related_lists(Organisation.objects.visible_to(request.user))
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
