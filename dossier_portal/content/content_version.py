"""The site-wide content version (see ContentVersion): reading it cheaply, raising it on every
change of anything readers see, and purging the shared caches in front once the change commits.

This module imports no app: the content apps are found at start-up, as those defining a
ContentModel, and every model of theirs (child records and many-to-many tables included) is
watched, so a model added later is covered without anyone remembering to register it.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.apps import apps
from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from dossier_portal.content import frontends
from dossier_portal.content.models import ContentModel, ContentVersion, Mention

# The Postgres notification channel every committed raise is announced on (version_listener.py).
CHANNEL = "dossier_content_version"


class Version(NamedTuple):
    number: int
    changed_at: datetime.datetime


def read_version(cursor) -> Version | None:
    """The version as `cursor` (Django's or psycopg's) sees it; None without the row. Raw SQL
    because this runs on every anonymous page request the worker's listener cannot vouch for,
    and the ORM's query building would cost more than the query."""
    table = ContentVersion._meta.db_table
    cursor.execute(
        f"SELECT number, changed_at FROM {table} WHERE id = %s",  # noqa: S608 (our table)
        [ContentVersion.SINGLETON_ID],
    )
    row = cursor.fetchone()
    return Version(*row) if row else None


def current_version(using: str = "default") -> Version:
    """One primary-key read on the caller's own connection."""
    with connections[using].cursor() as cursor:
        version = read_version(cursor)
    return version or _recreate_version_row(using)


def _recreate_version_row(using: str) -> Version:
    """The migration creates the row; a database flush (transactional tests, `manage.py flush`)
    removes it. A fresh row is a version no cached page carries (see bump_content_version)."""
    now = timezone.now()
    version, _ = ContentVersion.objects.using(using).get_or_create(
        pk=ContentVersion.SINGLETON_ID,
        defaults={"number": int(now.timestamp() * 1_000_000), "changed_at": now},
    )
    return Version(version.number, version.changed_at)


def bump_content_version(using: str = "default") -> None:
    """Raise the version inside the caller's transaction: readers see the new number exactly
    when they can see the change, and a rolled-back edit leaves it unchanged. Code that writes
    content without model signals (bulk_create, QuerySet.update) calls this itself.

    The number is at least the change's time in microseconds, not merely the last one plus one:
    a restored backup brings back an older number, and the next edit must not reissue a number
    (hence an ETag) that pages of other content already carried."""
    table = ContentVersion._meta.db_table
    # clock_timestamp(), not now(): the moment of the change, not the start of its transaction.
    # pg_notify tells every worker's listener, once (and only if) the transaction commits.
    # Raw SQL: the ORM has no UPDATE … RETURNING of a computed value, nor pg_notify.
    raise_it = (
        f"UPDATE {table} SET changed_at = clock_timestamp(),"  # noqa: S608 (our table name)
        " number = GREATEST(number + 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1e6)::bigint)"
        " WHERE id = %s RETURNING number, pg_notify(%s, number::text)"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(raise_it, [ContentVersion.SINGLETON_ID, CHANNEL])
        row = cursor.fetchone()
    number = row[0] if row else _recreate_version_row(using).number  # a flush removed the row
    frontends.purge_when_committed(number, using)


def _content_changed(sender, using="default", action=None, **kwargs):
    # m2m_changed fires before and after each change; post_save and post_delete carry no action.
    if action is None or action.startswith("post_"):
        bump_content_version(using)


def watched_models() -> list[type]:
    """Every model of every app that defines content readers see, plus the mentions between them
    (they make the "mentioned in" links on pages)."""
    content_apps = [
        config
        for config in apps.get_app_configs()
        if any(issubclass(model, ContentModel) for model in config.get_models())
    ]
    models = [Mention]
    for config in content_apps:
        models.extend(config.get_models(include_auto_created=True))
    return models


def connect_signals() -> None:
    for model in watched_models():
        uid = f"content-version:{model._meta.label}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_content_changed, sender=model, dispatch_uid=uid)
        m2m_changed.connect(_content_changed, sender=model, dispatch_uid=uid)
