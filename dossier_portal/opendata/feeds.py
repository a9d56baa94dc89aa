"""An Atom feed of what is new or changed in the dossier: the latest published measures,
milestones, articles, organisations and people, most recently changed first."""

import heapq
from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.models import Article
from dossier_portal.opendata.citation import DOSSIER, PUBLISHER
from organisations.models import Organisation, Person
from timeline.models import Measure, Milestone

ENTRIES = 50
SUMMARY_WORDS = 60


@dataclass(frozen=True)
class Change:
    kind: str
    title: str
    url: str
    summary: str
    created_at: datetime
    updated_at: datetime


def _summary(html_or_text: str) -> str:
    return Truncator(strip_tags(html_or_text).strip()).words(SUMMARY_WORDS)


def _latest(queryset):
    return queryset.order_by("-updated_at", "-pk")[:ENTRIES]


def latest_changes(request) -> list[Change]:
    """The ENTRIES most recently changed records, newest first: one query per model."""

    def change(kind, record, title, summary):
        url = request.build_absolute_uri(record.get_absolute_url())
        return Change(kind, title, url, summary, record.created_at, record.updated_at)

    milestones = Milestone.objects.published().filter(measure__in=Measure.objects.published())
    streams = [
        (change("Measure", m, m.short_title, _summary(m.summary_html or m.title))
         for m in _latest(Measure.objects.published())),
        (change("Milestone", m, f"{m.measure.short_title}: {m.title}", _summary(m.source_sentence))
         for m in _latest(milestones.select_related("measure"))),
        (change("Article", a, a.title, _summary(a.standfirst or a.body_html))
         for a in _latest(Article.objects.published())),
        (change("Organisation", o, o.name, _summary(o.described_as or o.description_html))
         for o in _latest(Organisation.objects.published())),
        (change("Person", p, p.name, _summary(p.bio_html))
         for p in _latest(Person.objects.published())),
    ]  # fmt: skip
    newest_first = heapq.merge(*streams, key=lambda c: c.updated_at, reverse=True)
    return list(newest_first)[:ENTRIES]


class ChangesFeed(Feed):
    """Entry links are absolute from the request, so the feed names the host it was read on,
    as the pages' canonical links do."""

    feed_type = Atom1Feed
    title = f"{DOSSIER}: what is new or changed"
    subtitle = f"New and revised measures, milestones, articles and organisations in {DOSSIER}."
    author_name = PUBLISHER

    def get_object(self, request, *args, **kwargs):
        return request

    def link(self, request):
        return request.build_absolute_uri(reverse("home"))

    def feed_url(self, request):
        return request.build_absolute_uri(reverse("feed"))

    def items(self, request):
        return latest_changes(request)

    def item_title(self, change: Change):
        return f"{change.kind}: {change.title}"

    def item_description(self, change: Change):
        return change.summary

    def item_link(self, change: Change):
        return change.url

    def item_pubdate(self, change: Change):
        return change.created_at

    def item_updateddate(self, change: Change):
        return change.updated_at

    def item_categories(self, change: Change):
        return [change.kind]
