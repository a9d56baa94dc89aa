"""The real dossier for tests, loaded once per session: `load_dossier` parses and renders the
whole document (seconds); copying the rows it wrote back into a test's transaction takes a few
milliseconds (Postgres COPY, the rows as Postgres itself wrote them out).

Only the rows the load added are kept. Mentions point at content types, whose ids a flush
(after a transactional test) renumbers: they are kept by natural key and mapped back."""

from dataclasses import dataclass
from io import StringIO

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass(frozen=True)
class TableRows:
    model: type
    columns: tuple[str, ...]
    data: bytes  # COPY's text format
    pks: tuple
    content_type_columns: tuple[str, ...]


@dataclass(frozen=True)
class DossierRows:
    tables: tuple[TableRows, ...]
    content_types: dict[int, tuple[str, str]]  # id at capture → (app_label, model)


def capture() -> DossierRows:
    """Load the dossier in a transaction, keep the rows it added, and roll the load back."""
    models = _concrete_models()
    with transaction.atomic():
        before = {model: set(_pks(model)) for model in models}
        call_command("load_dossier", stdout=StringIO())
        tables = tuple(
            _table_rows(model, added)
            for model in models
            if (added := sorted(set(_pks(model)) - before[model]))
        )
        content_types = {ct.pk: ct.natural_key() for ct in ContentType.objects.all()}
        transaction.set_rollback(True)
    return DossierRows(tables, content_types)


def restore(rows: DossierRows) -> None:
    """Write the captured rows into the test database, in the test's transaction if it has one.
    Foreign keys are checked at commit (Django makes them deferrable), so order is free."""
    with transaction.atomic(), connection.cursor() as cursor:
        for table in rows.tables:
            columns = ", ".join(connection.ops.quote_name(name) for name in table.columns)
            name = connection.ops.quote_name(table.model._meta.db_table)
            with cursor.cursor.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                copy.write(table.data)
            _map_content_types(cursor, table, rows.content_types)
        for statement in connection.ops.sequence_reset_sql(
            no_style(), [table.model for table in rows.tables]
        ):
            cursor.execute(statement)


def _concrete_models() -> list:
    """Every table of the project's models: the content, its history, mentions, redirects."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    ]


def _pks(model) -> list:
    return list(model._base_manager.values_list("pk", flat=True))


def _table_rows(model, pks: list) -> TableRows:
    """The rows with `pks`, every stored column (generated ones are Postgres's to fill)."""
    columns = tuple(
        field.column
        for field in model._meta.concrete_fields
        if not getattr(field, "generated", False)
    )
    quoted = ", ".join(connection.ops.quote_name(name) for name in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    data = bytearray()
    with connection.cursor() as cursor:
        # Names from the models' own metadata, quoted; the values are parameters.
        query = f"COPY (SELECT {quoted} FROM {table} WHERE {pk} = ANY(%s)) TO STDOUT"  # noqa: S608
        with cursor.cursor.copy(query, [pks]) as copy:
            for block in copy:
                data += block
    content_type_columns = tuple(
        field.column
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is ContentType
    )
    return TableRows(model, columns, bytes(data), tuple(pks), content_type_columns)


def _map_content_types(cursor, table: TableRows, captured: dict[int, tuple[str, str]]) -> None:
    """Give the restored rows today's ids of the content types they named at capture."""
    if not table.content_type_columns:
        return
    today = {ct.natural_key(): ct.pk for ct in ContentType.objects.all()}
    changed = [(old, today[key]) for old, key in captured.items() if today[key] != old]
    if not changed:
        return
    name = connection.ops.quote_name(table.model._meta.db_table)
    pk = connection.ops.quote_name(table.model._meta.pk.column)
    for column in map(connection.ops.quote_name, table.content_type_columns):
        cursor.execute(
            f"UPDATE {name} SET {column} = mapping.new"  # noqa: S608 (names quoted, as above)
            f" FROM unnest(%s::int[], %s::int[]) AS mapping(old, new)"
            f" WHERE {column} = mapping.old AND {pk} = ANY(%s)",
            [[old for old, _ in changed], [new for _, new in changed], list(table.pks)],
        )
