"""The site-wide content version (see ContentVersion): reading it cheaply, raising it on every
change of anything readers see.

This module imports no app: the content apps are found at start-up, as those defining a
ContentModel, and every model of theirs (child records and many-to-many tables included) is
watched, so a model added later is covered without anyone remembering to register it.
"""

from __future__ import annotations

import datetime
import time
from typing import NamedTuple

from django.apps import apps
from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from dossier_portal.content.models import ContentModel, ContentVersion, Mention


class Version(NamedTuple):
    number: int
    changed_at: datetime.datetime


# Postgres notification channel: every committed change is announced on it (version_listener.py).
CHANNEL = "dossier_content_version"


def read_version(database) -> Version | None:
    """The version as `database` (a psycopg connection or cursor) sees it; None without the row.
    Raw SQL because this runs on every page request the listener cannot answer, and the ORM's
    query building would cost more than the query itself."""
    table = ContentVersion._meta.db_table
    row = database.execute(
        f"SELECT number, changed_at FROM {table} WHERE id = %s",  # noqa: S608 (our table name)
        [ContentVersion.SINGLETON_ID],
    ).fetchone()
    return Version(*row) if row else None


def current_version(using: str = "default") -> Version:
    """One primary-key read on the request's own connection."""
    with connections[using].cursor() as cursor:
        version = read_version(cursor)
    return version or _recreate_version_row(using)


def _recreate_version_row(using: str) -> Version:
    """The migration creates the row; a database flush (transactional tests, `manage.py flush`)
    removes it. A fresh row is a version no cached page carries."""
    version, _ = ContentVersion.objects.using(using).get_or_create(
        pk=ContentVersion.SINGLETON_ID,
        defaults={"number": int(time.time()), "changed_at": timezone.now()},
    )
    notify_listeners(using)
    return Version(version.number, version.changed_at)


def bump_content_version(using: str = "default") -> None:
    """Raise the version inside the caller's transaction: readers see the new number exactly
    when they can see the change, and a rolled-back edit leaves it unchanged. Code that writes
    content without model signals (bulk_create, QuerySet.update) calls this itself."""
    table = ContentVersion._meta.db_table
    # clock_timestamp(), not now(): the moment of the change, not the start of its transaction.
    raise_it = (
        f"UPDATE {table} SET number = number + 1, changed_at = clock_timestamp()"  # noqa: S608
        " WHERE id = %s"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(raise_it, [ContentVersion.SINGLETON_ID])
    notify_listeners(using)


def notify_listeners(using: str) -> None:
    """Delivered when (and only if) the transaction commits; repeats within one are merged."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])


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
