"""Old addresses of renamed records, as django.contrib.redirects keeps them, except that an old
address whose record is now a draft answers 404: a redirect would publish the draft's new slug
before the record is (it works again once the record is published)."""

from django.apps import apps
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.urls import Resolver404, resolve

from dossier_portal.content.stable_keys import URL_NAMES

MODEL_OF_PAGE = {url_name: label for label, url_name in URL_NAMES.items()}


class PublishedRedirectFallbackMiddleware(RedirectFallbackMiddleware):
    def process_response(self, request, response):
        redirect = super().process_response(request, response)
        if redirect is not response and leads_to_a_draft(redirect.get("Location", "")):
            return response
        return redirect


def leads_to_a_draft(path: str) -> bool:
    """Whether `path` is the page of a record readers may not see."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    label = MODEL_OF_PAGE.get(match.view_name)
    if label is None or "slug" not in match.kwargs:
        return False
    published = apps.get_model(label)._default_manager.filter(is_published=True)
    return not published.filter(slug=match.kwargs["slug"]).exists()
