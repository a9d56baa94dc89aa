import re

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article, Contribution, InterviewAnswer, InterviewQuestion


@require_safe
def index(request):
    """Every article in dossier order, a page at a time (the home page lists the first ones)."""
    page = Paginator(Article.objects.published(), 50).get_page(request.GET.get("page"))
    return render(request, "articles/index.html", {"articles": page, "page": page})


def article_for(request, slug: str) -> Article:
    """The article with its sources, its published contributors and its interview's questions
    and answers: a query for each list (the answers only when there are questions). The
    contributions stay on the relation: the structured data reads them there too."""
    contributions = Contribution.objects.filter(person__is_published=True).select_related("person")
    answers = InterviewAnswer.objects.select_related("speaker")
    questions = InterviewQuestion.objects.prefetch_related(Prefetch("answers", answers))
    articles = Article.objects.visible_to(request.user).prefetch_related(
        Prefetch("sources", to_attr="source_list"),
        Prefetch("contributions", queryset=contributions),
        Prefetch("questions", queryset=questions, to_attr="question_list"),
    )
    return get_object_or_404(articles, slug=slug)


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The published articles before and after `article` in the dossier, in one query."""
    published = Article.objects.published().only("slug", "title", "position")
    before = published.filter(position__lt=article.position).order_by("-position")[:1]
    after = published.filter(position__gt=article.position).order_by("position")[:1]
    found = {other.position < article.position: other for other in before.union(after)}
    return found.get(True), found.get(False)


def people_with_bios(contributions):
    """Each contributor whose bio the article prints, once, in the article's order."""
    people = {}
    for contribution in contributions:
        if contribution.show_bio and contribution.person.bio_html:
            people.setdefault(contribution.person.pk, contribution.person)
    return list(people.values())


@require_safe
def detail(request, slug):
    article = article_for(request, slug)
    previous, following = neighbours(article)
    contributions = article.contributions.all()
    context = {
        "article": article,
        "object": article,
        "previous": previous,
        "next": following,
        "contributions": contributions,
        "people_with_bios": people_with_bios(contributions),
        "questions": article.question_list,
        "headings": article.contents,
    }
    context["reading_minutes"] = reading_minutes(article.body_html, context["questions"])
    return render(request, "articles/detail.html", context)


# A common adult reading speed for non-fiction (words per minute); the figure is rounded up.
WORDS_PER_MINUTE = 200


# Where a word ends in stored, sanitised HTML. Django's strip_tags parses the HTML instead
# (about 20 times slower: over a millisecond for the introduction on every render), which
# counting words does not need.
TAG = re.compile(r"<[^>]+>")


def reading_minutes(body_html: str, questions) -> int:
    """About how long the article takes to read: its text and its interview answers."""
    texts = [body_html, *(a.body_html for q in questions for a in q.answers.all())]
    words = sum(len(TAG.sub(" ", text).split()) for text in texts)
    return max(1, -(-words // WORDS_PER_MINUTE))
