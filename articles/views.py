from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.db.models.functions import JSONObject
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.contents import headings_in
from articles.models import Article, Contribution, InterviewAnswer, InterviewQuestion, Source
from dossier_portal.content.related_lists import as_json_list
from dossier_portal.site.detail_query import DetailQuery


@require_safe
def index(request):
    """Every article in dossier order, a page at a time (the home page lists the first ones)."""
    page = Paginator(Article.objects.published(), 50).get_page(request.GET.get("page"))
    return render(request, "articles/index.html", {"articles": page, "page": page})


def article_page_query(drafts: bool):
    """The article with the published article before and after it in the dossier (as dicts
    with slug and title) and its sources, in one query (see related_lists.py)."""
    published = Article.objects.published()
    before = published.filter(position__lt=OuterRef("position")).order_by("-position")
    after = published.filter(position__gt=OuterRef("position")).order_by("position")
    as_link = JSONObject(slug="slug", title="title")
    return Article.objects.with_drafts(drafts).annotate(
        previous=Subquery(before.values(json=as_link)[:1]),
        next=Subquery(after.values(json=as_link)[:1]),
        source_list=as_json_list(Source.objects.filter(article=OuterRef("pk")), "label", "url"),
        # Only an interview has questions: the other articles skip the query that finds none.
        has_questions=Exists(InterviewQuestion.objects.filter(article=OuterRef("pk"))),
    )


ARTICLE_PAGE = DetailQuery(article_page_query)


def fetch_people_and_questions(article) -> None:
    """Its contributors, and its interview's questions and answers if it has any: a query
    each."""
    contributions = Contribution.objects.filter(person__is_published=True).select_related("person")
    lookups = [Prefetch("contributions", queryset=contributions)]
    if article.has_questions:
        answers = InterviewAnswer.objects.select_related("speaker")
        questions = InterviewQuestion.objects.prefetch_related(Prefetch("answers", answers))
        lookups.append(Prefetch("questions", queryset=questions))
    prefetch_related_objects([article], *lookups)


def people_with_bios(contributions):
    """Each contributor whose bio the article prints, once, in the article's order."""
    people = {}
    for contribution in contributions:
        if contribution.show_bio and contribution.person.bio_html:
            people.setdefault(contribution.person.pk, contribution.person)
    return list(people.values())


@require_safe
def detail(request, slug):
    article = ARTICLE_PAGE.get_or_404(slug, request.user)
    fetch_people_and_questions(article)
    contributions = article.contributions.all()
    context = {
        "article": article,
        "object": article,
        "contributions": contributions,
        "people_with_bios": people_with_bios(contributions),
        "questions": article.questions.all() if article.has_questions else [],
        "headings": headings_in(article.body_html),
    }
    return render(request, "articles/detail.html", context)
