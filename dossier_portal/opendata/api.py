"""The read-only JSON API under /api/v1/ (documented in docs/API.md): measures with their
milestones, organisations, people and articles, published only, a page of 50 at a time.

Plain JsonResponse views: the API is four read-only collections, which a framework would not
make shorter. Each page is a fixed number of queries (count, page, prefetched relations).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import OuterRef, Prefetch, QuerySet
from django.http import JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from articles.models import Article, Contribution, InterviewAnswer, InterviewQuestion, KeyFigure
from dossier_portal.content.dates import DatePrecision, iso_at_precision
from dossier_portal.opendata.citation import DOSSIER
from dossier_portal.opendata.openapi import openapi_json
from organisations.models import Affiliation, Organisation, Person
from timeline.models import Measure, Milestone

PAGE_SIZE = 50


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _dated(value, precision) -> dict | None:
    """A date at the precision the dossier gives it: {"date": "2023-11", "precision": "month"}."""
    if value is None:
        return None
    return {"date": iso_at_precision(value, precision), "precision": precision}


def _common(request, obj, resource: str) -> dict:
    return {
        "slug": obj.slug,
        "url": request.build_absolute_uri(obj.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse(f"api:{resource}-item", args=[obj.slug])),
        "updated_at": obj.updated_at.isoformat(),
        # As loaded, a record is the dossier's; edited_at is the day an editor last changed it.
        "source": DOSSIER,
        "edited_at": obj.edited_at.isoformat() if obj.edited_at else None,
    }


def _milestone(request, milestone: Milestone) -> dict:
    return {
        "slug": milestone.slug,
        "url": request.build_absolute_uri(milestone.get_absolute_url()),
        "date": _dated(milestone.date, milestone.date_precision),
        "title": milestone.title,
        "source_sentence": milestone.source_sentence,
        "updated_at": milestone.updated_at.isoformat(),
    }


def _measure(request, measure: Measure) -> dict:
    return {
        **_common(request, measure, "measures"),
        "short_title": measure.short_title,
        "title": measure.title,
        "aliases": measure.alias_list()[1:],
        "kind": measure.kind,
        "issuing_body": measure.body,
        "reference": measure.reference,
        "celex": measure.celex,
        "date": _dated(measure.date, measure.date_precision),
        "status": measure.status,
        "status_text": measure.status_text,
        "status_as_of": _dated(measure.status_as_of, DatePrecision.MONTH),
        "status_is_reading": measure.status_is_reading,
        "summary_html": measure.summary_html,
        # A proposal would replace (or recast) what it names; an adopted act replaced it.
        "is_proposal": measure.is_proposal,
        "replaces": [other.slug for other in measure.replaces.all()],
        "recasts": measure.recast_slugs,
        "documents": [{"label": d.label, "url": d.url} for d in measure.documents.all()],
        "milestones": [_milestone(request, m) for m in measure.milestones.all()],
    }


def _organisation(request, organisation: Organisation) -> dict:
    return {
        **_common(request, organisation, "organisations"),
        "name": organisation.name,
        "acronym": organisation.acronym,
        "kind": organisation.kind,
        "described_as": organisation.described_as,
        "founded": _dated(organisation.founded_on, organisation.founded_precision),
        "founded_place": organisation.founded_place,
        "website": organisation.website,
        "description_html": organisation.description_html,
        "links": [{"label": link.label, "url": link.url} for link in organisation.links.all()],
        "people": [
            {"slug": a.person.slug, "name": a.person.name, "role": a.role}
            for a in organisation.affiliations.all()
        ],
    }


def _person(request, person: Person) -> dict:
    return {
        **_common(request, person, "people"),
        "name": person.name,
        "bio_html": person.bio_html,
        "profile_url": person.profile_url,
        "affiliations": [
            {"organisation": a.organisation.slug, "name": a.organisation.name, "role": a.role}
            for a in person.affiliations.all()
        ],
    }


def _article(request, article: Article) -> dict:
    url = request.build_absolute_uri(article.get_absolute_url())
    return {
        **_common(request, article, "articles"),
        "title": article.title,
        "kind": article.kind,
        "position": article.position,
        "section_label": article.section_label,
        "standfirst": article.standfirst,
        "signature": article.signature,
        "body_html": article.body_html,
        "contributors": [
            {"slug": c.person.slug, "name": c.person.name, "role": c.role}
            for c in article.contributions.all()
        ],
        "sections": [
            {"anchor": s.anchor, "heading": s.heading, "url": f"{url}#{s.anchor}"}
            for s in article.sections.all()
            if s.anchor
        ],
        "interview": [
            {
                "anchor": q.anchor,
                "url": f"{url}#{q.anchor}",
                "question": q.text,
                "answers": [
                    {**_speaker(a.speaker), "body_html": a.body_html} for a in q.answers.all()
                ],
            }
            for q in article.questions.all()
        ],
        "note": article.note,
        "sources": [{"label": s.label, "url": s.url} for s in article.sources.all()],
        "key_figures": [_key_figure(request, figure) for figure in article.key_figures.all()],
    }


def _key_figure(request, figure: KeyFigure) -> dict:
    """A figure with its scope, each in the dossier's words, and the paragraph it stands in."""
    return {
        "slug": figure.slug,
        "value": figure.value,
        "label": figure.label,
        "subject": figure.subject,
        "where": figure.where,
        "when": figure.when,
        "according_to": figure.according_to,
        "speaker": _speaker(figure.speaker)["speaker"] if figure.speaker else None,
        "sentence": figure.sentence,
        "url": request.build_absolute_uri(figure.get_absolute_url()),
    }


@dataclass(frozen=True)
class Resource:
    queryset: Callable[[], QuerySet]
    serialise: Callable[..., dict]


RESOURCES = {
    "measures": Resource(
        lambda: (
            Measure.objects.published()
            .prefetch_related(
                Prefetch("milestones", queryset=Milestone.objects.published()),
                Prefetch("replaces", queryset=Measure.objects.published()),
                "documents",
            )
            # A rare relation: its slugs come inside the page's own query, not in a query of theirs.
            .annotate(
                recast_slugs=ArraySubquery(
                    Measure.objects.published()
                    .filter(recast_by=OuterRef("pk"))
                    .order_by("date")
                    .values("slug")
                )
            )
        ),
        _measure,
    ),
    "organisations": Resource(
        lambda: Organisation.objects.published().prefetch_related(
            "links",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.filter(
                    person__in=Person.objects.published()
                ).select_related("person"),
            ),
        ),
        _organisation,
    ),
    "people": Resource(
        lambda: Person.objects.published().prefetch_related(
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.filter(
                    organisation__in=Organisation.objects.published()
                ).select_related("organisation"),
            )
        ),
        _person,
    ),
    "articles": Resource(
        lambda: Article.objects.published().prefetch_related(
            Prefetch(
                "contributions",
                queryset=Contribution.objects.filter(
                    person__in=Person.objects.published()
                ).select_related("person"),
            ),
            "sections",
            "sources",
            Prefetch(
                "key_figures",
                queryset=KeyFigure.objects.published().select_related("article", "speaker"),
            ),
            Prefetch(
                "questions",
                queryset=InterviewQuestion.objects.prefetch_related(
                    Prefetch("answers", queryset=InterviewAnswer.objects.select_related("speaker"))
                ),
            ),
        ),
        _article,
    ),
}


@require_safe
def index(request):
    """What the API offers, as links."""
    return JsonResponse(
        {name: request.build_absolute_uri(reverse(f"api:{name}-collection")) for name in RESOURCES}
    )


@require_safe
def collection(request, resource: str):
    """One page of a collection; ?page= beyond the last is a 404, a non-number a 400."""
    records = RESOURCES[resource].queryset()
    # The model's order, made total, so no record shows on two pages or on none.
    records = records.order_by(*records.model._meta.ordering, "pk")
    paginator = Paginator(records, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return _error(400, "page must be a whole number, from 1.")
    except EmptyPage:
        return _error(404, f"There is no such page: there are {paginator.num_pages}.")

    def page_url(number: int) -> str:
        return request.build_absolute_uri(f"{request.path}?page={number}")

    serialise = RESOURCES[resource].serialise
    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialise(request, obj) for obj in page],
        }
    )


def _speaker(person) -> dict:
    """A draft speaker stays unnamed (null) until published."""
    if not person.is_published:
        return {"speaker": None, "name": None}
    return {"speaker": person.slug, "name": person.name}


@require_safe
def item(request, resource: str, slug: str):
    obj = RESOURCES[resource].queryset().filter(slug=slug).first()
    if obj is None:
        return _error(404, f"No published {resource} record has the slug {slug!r}.")
    return JsonResponse(RESOURCES[resource].serialise(request, obj))


app_name = "api"
urlpatterns = [
    path("", index, name="index"),
    path("openapi.json", openapi_json, name="openapi"),
    *(
        route
        for name in RESOURCES
        for route in (
            path(f"{name}/", collection, {"resource": name}, name=f"{name}-collection"),
            path(f"{name}/<slug:slug>/", item, {"resource": name}, name=f"{name}-item"),
        )
    ),
]
