"""Migrations run backwards and forwards on a loaded database without losing content.

Two round trips, on a database holding the sample dossier with an editor's changes, history
and a redirect:
- the latest migration of every project app is unapplied and applied again, and every record
  is still there, unchanged (what a rollback of the latest deploy does);
- every project migration is unapplied down to an empty schema and applied again, and a dump
  taken before loads back into it with every record unchanged: unapplying an app's first
  migration drops its tables, so there the content is re-created from the dump, as a restore
  would.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.support.content_snapshot import content_snapshot, make_edited_dossier

PROJECT_APPS = ("dossier_portal", "organisations", "timeline", "articles")

pytestmark = pytest.mark.django_db(transaction=True)


def assert_nothing_lost(before: dict, after: dict) -> None:
    """Every record there before is there after, unchanged. Records a re-applied data migration
    adds are not a loss (an earlier test's flush may have removed the seeded ones)."""
    for label, records in before.items():
        missing = [record for record in records if record not in after[label]]
        assert not missing, f"{label} lost or changed {missing}"


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest_migrations() -> list[tuple[str, str]]:
    graph = MigrationExecutor(connection).loader.graph
    return [node for node in graph.leaf_nodes() if node[0] in PROJECT_APPS]


def one_before(node: tuple[str, str]) -> tuple[str, str | None]:
    """The app's migration before `node`, or (app, None): the app unmigrated."""
    graph = MigrationExecutor(connection).loader.graph
    parents = [parent for parent in graph.node_map[node].parents if parent.key[0] == node[0]]
    return parents[0].key if parents else (node[0], None)


def test_the_latest_migrations_go_back_and_forth_without_losing_content():
    make_edited_dossier()
    before = content_snapshot()
    latest = latest_migrations()
    previous = [one_before(node) for node in latest]
    assert all(name is not None for _, name in previous), "content apps keep their tables here"

    migrate(previous)
    migrate(latest)

    assert_nothing_lost(before, content_snapshot())


def test_all_migrations_go_back_to_nothing_and_the_content_loads_back(tmp_path):
    make_edited_dossier()
    before = content_snapshot()
    dump = tmp_path / "content.xml"  # XML keeps microseconds; JSON would round them
    call_command(
        "dumpdata", *PROJECT_APPS, "redirects", format="xml", output=str(dump), verbosity=0
    )

    migrate([(app, None) for app in PROJECT_APPS])
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert not [table for table in tables if table.startswith(("articles_", "timeline_"))]

    migrate(latest_migrations())
    call_command("loaddata", str(dump), verbosity=0)

    assert_nothing_lost(before, content_snapshot())
