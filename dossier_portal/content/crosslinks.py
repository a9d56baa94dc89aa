"""Cross-links: article text links to the measures and organisations it names, and to any
measure, organisation, person or article whose address an editor typed as a link. This is the
one place that says which models are link targets and which texts carry the links; rendering,
load_dossier, the admin and the usage pages read it.

Every link is a mention (content.models.Mention), so a text is rendered again, once, after the
transaction that renamed, unpublished, deleted, restored or published what it links to commits.
A typed link keeps the address the editor typed; rendering resolves it (through the text's own
mention of it, the record's current address or an old address's redirect) to the record's
current address, or to plain text while readers cannot open that page.

This module imports no app: the models are named by their labels.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import Resolver404, resolve

from dossier_portal.content.after_commit import Collecting, after_commit, pending
from dossier_portal.content.content_version import bump_content_version
from dossier_portal.content.markdown import LinkResolver, LinkTarget, Names, Rendered, render
from dossier_portal.content.models import Mention

# Pages that text links to wherever it names them: the fields alias_list() reads the names from.
NAMED_TARGETS = {
    "timeline.measure": ("short_title", "aliases"),
    "organisations.organisation": ("name", "aliases"),
}
# Pages an editor may link to by typing their address (each has a `slug` in its address).
LINK_TARGETS = (*NAMED_TARGETS, "organisations.person", "articles.article")
# Texts whose Markdown `body` is rendered with these links, by render_body(links).
LINKING_TEXTS = ("articles.article", "articles.interviewanswer")

# A page of a kind links are tracked to, where no record answers: the link shows as text.
NOWHERE = LinkTarget(key=None, url=None)


def is_link_target(record: models.Model) -> bool:
    return record._meta.label_lower in LINK_TARGETS


def key_of(record: models.Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def how_texts_link_to(record: models.Model | None):
    """What texts' links to `record` depend on: its names and address while readers see it."""
    if record is None or not is_link_target(record) or not record.is_published:
        return None
    label = record._meta.label_lower
    return tuple(record.alias_list()) if label in NAMED_TARGETS else (), record.get_absolute_url()


@dataclass(frozen=True)
class Links:
    """Everything texts may link to, read once for any number of texts."""

    names: Names
    by_key: dict[str, LinkTarget]
    # Each target's current address, and the old addresses that redirect to one.
    by_path: dict[str, LinkTarget]
    # The views of the target pages, and the hosts whose absolute links are the site's own.
    target_views: frozenset[str]
    hosts: frozenset[str]

    def resolver(self, typed_before: dict[str, str]) -> LinkResolver:
        """Where a text's typed links lead; `typed_before` maps the addresses it typed to the
        keys their mentions recorded, so a link follows its record whatever its address."""

        def resolve_link(href: str) -> LinkTarget | None:
            path = self.path_of(href)
            if path is None:
                return None
            key = typed_before.get(href)
            if key in self.by_key:
                return self.by_key[key]
            if path in self.by_path:
                return self.by_path[path]
            if key:  # deleted: the mention stays, so restoring the record brings the link back
                return LinkTarget(key=key, url=None)
            return NOWHERE if self.is_target_page(path) else None

        return resolve_link

    def path_of(self, href: str) -> str | None:
        """The path of a link to this site (relative to its root, or on one of its hosts)."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            if parts.scheme not in ("http", "https") or parts.hostname not in self.hosts:
                return None
        elif not parts.path.startswith("/"):
            return None
        return parts.path if parts.path.endswith("/") else f"{parts.path}/"

    def is_target_page(self, path: str) -> bool:
        try:
            return resolve(path).view_name in self.target_views
        except Resolver404:
            return False


def current_links() -> Links:
    """Every link target, drafts included (a link to one shows as text), by key and address."""
    by_key, by_path, named, views = {}, {}, [], set()
    for label in LINK_TARGETS:
        model = apps.get_model(label)
        address_of = _address_maker(model)
        views.add(resolve(address_of("any")).view_name)
        fields = ("pk", "slug", "is_published", *NAMED_TARGETS.get(label, ()))
        # Rows, not model instances (ten thousand instances take most of a second); the model's
        # alias_list() reads its names from a row as it would from the record.
        for row in model._default_manager.values(*fields):
            url = address_of(row["slug"])
            published = row["is_published"]
            names = (
                tuple(model.alias_list(SimpleNamespace(**row)))
                if published and label in NAMED_TARGETS
                else ()
            )
            target = LinkTarget(f"{label}:{row['pk']}", url if published else None, names)
            by_key[target.key] = by_path[url] = target
            if names:
                named.append(target)
    site = Site.objects.get_current()
    for old, new in Redirect.objects.filter(site=site).values_list("old_path", "new_path"):
        if new in by_path:
            by_path.setdefault(old, by_path[new])
    hosts = frozenset(h for h in settings.ALLOWED_HOSTS if h and h[0] not in ".*")
    return Links(Names(named), by_key, by_path, frozenset(views), hosts)


def _address_maker(model):
    """A function from a slug to the record's get_absolute_url(), which is the slug in a fixed
    path: reversing the URL once per model rather than once per record (thousands at scale,
    most of the time links take to read)."""
    placeholder = "slug-placeholder"
    template = model(slug=placeholder).get_absolute_url()
    assert template.count(placeholder) == 1, f"{model} has no address made of its slug"
    return lambda slug: template.replace(placeholder, slug)


def typed_links_of(text: models.Model) -> dict[str, str]:
    """The addresses `text` typed as links, with the key of the record each led to."""
    if text.pk is None:
        return {}
    rows = Mention.objects.filter(
        source_type=ContentType.objects.get_for_model(text), source_id=text.pk
    ).exclude(href="")
    return {
        href: f"{_label(type_id)}:{target_id}"
        for href, type_id, target_id in rows.values_list("href", "target_type", "target_id")
    }


def render_linking_text(text: models.Model, links: Links | None = None) -> Rendered:
    """A linking text's body, rendered with `links` (read now when not given)."""
    links = links or current_links()
    return render(text.body, links.names, resolve_link=links.resolver(typed_links_of(text)))


def _label(content_type_id: int) -> str:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


# Re-rendering after a change of what texts link to.


class _RenderAfterCommit(Collecting):
    def __init__(self):
        self.targets: set[tuple[str, int]] = set()

    def add(self, target: tuple[str, int]) -> None:
        self.targets.add(target)

    def run(self):
        render_texts_linking_to(self.targets)


def render_after_commit(record: models.Model) -> None:
    """Render the texts that link to `record` again once this transaction commits; once each,
    however many of the records they link to it changed."""
    after_commit(_RenderAfterCommit, (record._meta.label_lower, record.pk))


def render_texts_linking_to(targets: set[tuple[str, int]]) -> int:
    """Render again every text that links to the `targets` or names them (or gives one of their
    addresses), with the links read once; returns how many. Only the derived HTML, sections and
    mentions change: nothing an editor wrote, so no version is recorded in its history."""
    with transaction.atomic():
        texts = texts_linking_to(targets)
        if not texts:
            return 0
        links = current_links()
        for text in texts:
            text.render_body(links)
        bump_content_version()
    return len(texts)


def texts_linking_to(targets: set[tuple[str, int]]) -> list[models.Model]:
    """The texts that mention the targets, or hold their names or addresses (a text typed
    before a record was at that address, or while it was a draft, has no mention of it)."""
    pks_by_label: dict[str, set[int]] = defaultdict(set)
    for label, pk in targets:
        pks_by_label[label].add(pk)
    mentioned: dict[str, set[int]] = defaultdict(set)
    words: set[str] = set()
    for label, pks in pks_by_label.items():
        content_type = ContentType.objects.get_by_natural_key(*label.split("."))
        mentions = Mention.objects.filter(target_type=content_type, target_id__in=pks)
        for type_id, source_id in mentions.values_list("source_type", "source_id"):
            mentioned[_label(type_id)].add(source_id)
        words |= _words_linking_to(label, pks)
    # Words of their own: not "measure 1" in "measure 12", nor "/timeline/x" in "/timeline/x-2/".
    # (Postgres's regular expressions read these as Python's do.)
    holding = models.Q(body__regex="|".join(map(_as_word, words))) if words else models.Q(pk__in=[])
    texts = []
    for label in LINKING_TEXTS:
        texts += apps.get_model(label)._default_manager.filter(
            models.Q(pk__in=mentioned[label]) | holding
        )
    return texts


def _as_word(word: str) -> str:
    """A name as words of their own; an address as a path of its own (after any host)."""
    before = "" if word.startswith("/") else r"(?<![\w-])"
    return rf"{before}{re.escape(word)}(?![\w-])"


def _words_linking_to(label: str, pks: set[int]) -> set[str]:
    """The records' names and addresses, old ones included, as a text would give them."""
    model = apps.get_model(label)
    records = model._default_manager.filter(pk__in=pks).only("slug", *NAMED_TARGETS.get(label, ()))
    urls = [record.get_absolute_url() for record in records]
    old = Redirect.objects.filter(site=Site.objects.get_current(), new_path__in=urls)
    words = {url.rstrip("/") for url in [*urls, *old.values_list("old_path", flat=True)]}
    if label in NAMED_TARGETS:
        words |= {name.strip() for record in records for name in record.alias_list()}
    return {word for word in words if word}


def rerender_linking_texts(already_rendered: set[tuple[str, int]] = frozenset()) -> int:
    """Render every linking text again but those in `already_rendered` ((label, pk) pairs), with
    the links read once; returns how many. What this transaction asked to render again after it
    commits is then done (load_dossier changes many link targets at once)."""
    links = current_links()
    rendered = 0
    for label in LINKING_TEXTS:
        for text in apps.get_model(label)._default_manager.all():
            if (label, text.pk) not in already_rendered:
                text.render_body(links)
                rendered += 1
    if (waiting := pending(_RenderAfterCommit)) is not None:
        waiting.targets.clear()
    return rendered


# Signals: every way a record changes (the admin, a revert, a restore, load_dossier) is seen.


def _remember_how_texts_link(sender, instance, **kwargs):
    stored = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._texts_linked_as = how_texts_link_to(stored)


def _saved(sender, instance, **kwargs):
    if how_texts_link_to(instance) != getattr(instance, "_texts_linked_as", None):
        render_after_commit(instance)


def _deleted(sender, instance, **kwargs):
    if how_texts_link_to(instance) is not None:
        render_after_commit(instance)


def connect_signals() -> None:
    for label in LINK_TARGETS:
        model = apps.get_model(label)
        uid = f"crosslinks:{label}"
        pre_save.connect(_remember_how_texts_link, sender=model, dispatch_uid=uid)
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
