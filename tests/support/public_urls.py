"""The public URL patterns, found by walking the URL resolver so that routes added later are
covered by the tests that use this (fuzzing, headers, 404s) without anyone listing them."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from tests.support.factories import (
    make_article,
    make_measure,
    make_milestone,
    make_organisation,
    make_person,
)

CONVERTER = re.compile(r"<(?:(?P<type>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class PublicRoute:
    route: str  # e.g. "timeline/<slug:slug>/"
    name: str

    @property
    def converters(self) -> list[str]:
        return [match["type"] or "str" for match in CONVERTER.finditer(self.route)]

    def fill(self, values: list[str]) -> str:
        """The path with each converter replaced by the next of `values` (already encoded)."""
        parts = iter(values)
        return "/" + CONVERTER.sub(lambda _: next(parts), self.route)

    def __str__(self):
        return self.name


def public_routes() -> list[PublicRoute]:
    return sorted(_walk(get_resolver().url_patterns, prefix="", namespace=""), key=str)


def _walk(entries, prefix: str, namespace: str):
    for entry in entries:
        if isinstance(entry, URLResolver):
            if _is_admin(prefix + str(entry.pattern)):
                continue
            child_namespace = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + _route(entry), child_namespace)
        elif isinstance(entry, URLPattern) and not _is_admin(prefix + _route(entry)):
            name = entry.name or entry.lookup_str
            yield PublicRoute(prefix + _route(entry), f"{namespace}{name}")


def _route(entry) -> str:
    # The house style has path() routes only; a regex route would need its own fuzzing.
    assert isinstance(entry.pattern, RoutePattern), f"regex route {entry.pattern} is not covered"
    return str(entry.pattern)


def _is_admin(route: str) -> bool:
    return route.startswith(settings.ADMIN_PATH)


def make_sample_dossier() -> dict:
    """One published record of each public kind, linked the way the dossier links them."""
    organisation = make_organisation(acronym="ECPAT", aliases="ECPAT")
    person = make_person(bio="An *expert* on child protection.")
    measure = make_measure(celex="52022PC0209", summary="Proposed in **2022**.")
    make_milestone(measure)
    article = make_article(body=f"## Context\n\nThe {measure.short_title} and ECPAT.")
    return {
        "organisation": organisation,
        "person": person,
        "measure": measure,
        "article": article,
    }


def sample_urls(sample: dict) -> list[str]:
    """Every public page: the routes without parameters and each sample record's page."""
    fixed = [route.fill([]) for route in public_routes() if not route.converters]
    return fixed + [record.get_absolute_url() for record in sample.values()]
