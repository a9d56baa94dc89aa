from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from dossier_portal.content.mentions import mention_list, places_mentioning
from dossier_portal.content.related_lists import as_json_list
from dossier_portal.site.detail_query import DetailQuery
from organisations.models import Affiliation, Organisation, OrganisationLink, Person


@require_safe
def index(request):
    page = Paginator(Organisation.objects.published(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "organisations/index.html", {"organisations": page, "page": page})


PER_PAGE = 50


def organisation_page_query(drafts: bool):
    """The organisation with its further links, its people and the mentions of it, in one
    query."""
    this_organisation = OuterRef("pk")
    people = Affiliation.objects.filter(organisation=this_organisation, person__is_published=True)
    return Organisation.objects.with_drafts(drafts).annotate(
        link_list=as_json_list(
            OrganisationLink.objects.filter(organisation=this_organisation), "label", "url"
        ),
        people_list=as_json_list(people, "role", slug=F("person__slug"), name=F("person__name")),
        mention_list=mention_list(Organisation),
    )


ORGANISATION_PAGE = DetailQuery(organisation_page_query)


@require_safe
def detail(request, slug):
    organisation = ORGANISATION_PAGE.get_or_404(slug, request.user)
    context = {
        "organisation": organisation,
        "object": organisation,
        "mentioned_in": places_mentioning(organisation.mention_list),
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
