from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Prefetch
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from dossier_portal.mentions import places_mentioning
from organisations.models import Affiliation, Organisation, OrganisationLink, Person


@require_safe
def index(request):
    organisations = Organisation.objects.published()
    return render(request, "organisations/index.html", {"organisations": organisations})


def with_links(organisations):
    """The organisation's further links fetched inside the main query, as dicts, so the page's
    query count stays fixed."""
    links = OrganisationLink.objects.filter(organisation=OuterRef("pk"))
    return organisations.annotate(
        link_list=ArraySubquery(links.values(json=JSONObject(label="label", url="url")))
    )


@require_safe
def detail(request, slug):
    organisations = with_links(Organisation.objects.visible_to(request.user)).prefetch_related(
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.filter(person__is_published=True).select_related("person"),
        )
    )
    organisation = get_object_or_404(organisations, slug=slug)
    context = {
        "organisation": organisation,
        "object": organisation,
        "affiliations": organisation.affiliations.all(),
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
