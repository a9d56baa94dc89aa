"""A detail page's own query, compiled once per process.

A detail page (a measure, an organisation, an article) fetches its record and its related lists
in one query (related_lists.py). Building and compiling that queryset, subquery by subquery,
costs the ORM several times what Postgres spends running it, and its SQL depends on nothing but
whether the reader sees drafts. So it is compiled once for readers and once for editors, and
only the slug is bound on each request, as search.py does for its union. Nothing read from the
database is kept: every request runs the query.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.db import connections
from django.db.models import Model, QuerySet
from django.http import Http404

from dossier_portal.content.models import sees_drafts

# Stands for the slug while the SQL is compiled: no slug contains it.
_SLUG = "\ue003"


class DetailQuery:
    """`build(drafts)` is the page's queryset for readers (False) or for editors (True), its
    related lists annotated; it is called once for each."""

    def __init__(self, build: Callable[[bool], QuerySet]):
        self.build = build

    def get_or_404(self, slug: str, user) -> Model:
        """The record with `slug` as `user` may see it, its annotations as the ORM gives them."""
        queryset, sql, params = self._compiled(sees_drafts(user))
        bound = tuple(slug if param == _SLUG else param for param in params)
        record = next(iter(queryset.model._default_manager.raw(sql, bound)), None)
        if record is None:
            raise Http404(f"No {queryset.model._meta.object_name} matches the given query.")
        _convert_annotations(record, queryset)
        return record

    @functools.cache  # noqa: B019 (one DetailQuery per page, made at import, never freed)
    def _compiled(self, drafts: bool) -> tuple[QuerySet, str, tuple]:
        queryset = self.build(drafts).filter(slug=_SLUG).order_by()
        return queryset, *queryset.query.sql_with_params()


def _convert_annotations(record: Model, queryset: QuerySet) -> None:
    """A raw query converts the model's fields only; an annotation (a JSON list, say) comes as
    the database sends it. Apply the converters the ORM's compiler would."""
    connection = connections[queryset.db]
    for name, expression in queryset.query.annotations.items():
        value = getattr(record, name)
        converters = connection.ops.get_db_converters(expression)
        for convert in [*converters, *expression.get_db_converters(connection)]:
            value = convert(value, expression, connection)
        setattr(record, name, value)
