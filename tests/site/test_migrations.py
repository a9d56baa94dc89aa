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

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from reversion.models import Version

from tests.support.content_snapshot import content_snapshot, make_edited_dossier
from timeline.models import Measure

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


def test_the_history_kept_before_reversion_becomes_revisions_of_a_record_with_its_parts():
    """Existing databases keep their history: simple-history's rows, written here as it wrote
    them, become revisions that hold the record with its parts as they were at each save."""
    before = [("timeline", "0008_procedure_and_stages")]
    before += [("articles", "0006_faithful_fields"), ("organisations", "0007_search_synonyms")]
    migrate(before)
    try:
        write_simple_history_and_migrate(before)
    finally:
        migrate(latest_migrations())  # the schema the other tests expect, even after a failure


def write_simple_history_and_migrate(before) -> None:
    old = MigrationExecutor(connection).loader.project_state(before).apps
    editor = old.get_model("auth", "User").objects.create(username="anna", is_staff=True)
    start = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)

    def created(name, **fields):  # bulk_create: the state's models keep the mixins' save()
        (record,) = old.get_model("timeline", name).objects.bulk_create([
            old.get_model("timeline", name)(**fields, is_published=True)
        ])  # fmt: skip
        return record

    def measure(slug):
        return created(
            "Measure", title=f"Regulation {slug}", short_title=slug, slug=slug, key=slug,
            kind="regulation", date=datetime.date(2022, 5, 11),
        )  # fmt: skip

    def milestone(parent, title):
        return created(
            "Milestone", measure=parent, title=title, slug=title.lower(),
            key=f"{parent.key}/{title}", date=datetime.date(2023, 1, 1), date_precision="day",
        )  # fmt: skip

    def kept(record, kind, seconds, user=None, **changes):
        historical = old.get_model("timeline", f"Historical{type(record).__name__}")
        names = {field.attname for field in historical._meta.concrete_fields}
        values = {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}
        values = {name: value for name, value in {**values, **changes}.items() if name in names}
        historical.objects.create(
            **values,
            history_type=kind,
            history_date=start + datetime.timedelta(seconds=seconds),
            history_user=user,
            history_change_reason=None if user else "load_dossier",
        )

    csa = measure("csa")
    council, dropped = milestone(csa, "Council"), milestone(csa, "Dropped")
    for seconds, record in enumerate([csa, council, dropped]):
        kept(record, "+", seconds / 10)
    kept(csa, "~", 3600, editor, summary="Edited.")  # one save: a change and a row deleted
    kept(dropped, "-", 3600.2, editor)
    dropped.delete()
    gone = measure("gone")
    kept(gone, "+", 0)
    kept(milestone(gone, "Part"), "+", 0.1)
    kept(gone, "-", 7200, editor)  # deleted with its milestone
    kept(old.get_model("timeline", "Milestone").objects.get(measure=gone), "-", 7200.1, editor)
    gone.delete()

    migrate(latest_migrations())

    edited, loaded = Version.objects.get_for_object_reference(Measure, csa.pk)
    assert edited.field_dict["summary"] == "Edited."
    assert edited.revision.user.username == "anna"
    assert loaded.revision.comment == "load_dossier"
    parts = {v.object_repr for v in loaded.revision.version_set.all()}
    assert parts == {"csa", "Council", "Dropped"}
    assert {v.object_repr for v in edited.revision.version_set.all()} == {"csa", "Council"}
    (deletion,) = Version.objects.get_deleted(Measure)
    assert deletion.revision.comment == "Deleted"
    assert {v.object_repr for v in deletion.revision.version_set.all()} == {"gone", "Part"}
