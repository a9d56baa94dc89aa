from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article


@require_safe
def detail(request, slug):
    article = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    return render(request, "articles/detail.html", {"article": article})
