"""Load the dossier's fixtures into Postgres, by natural key, without undoing editors' work.

Each record keeps the digest of the fixture fields as this command last wrote them
(`fixture_digest`). On the next run a record whose fields still match that digest is the
command's own and may be updated; one that differs was changed by an editor and is kept (and
listed) unless --force is given. Fields a fixture does not name are never written. Everything
runs in one transaction: a record that fails leaves the database as it was.
"""

import hashlib
import json
from collections import Counter
from enum import StrEnum
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.defaultfilters import pluralize

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"
# Organisations and measures first: saving an article links its text to them.
FIXTURE_FILES = ("organisations.json", "timeline.json", "articles.json")
# Text is linked to the measures and organisations it names when it is saved (see
# articles.rendering): when a load changes those, the text it did not save is rendered again.
LINK_TARGETS = ("timeline.measure", "organisations.organisation")
LINKING_TEXT = ("articles.article", "articles.interviewanswer")
# The fields that name a record in an error message.
IDENTIFYING_FIELDS = (
    "slug",
    "article",
    "question",
    "measure",
    "organisation",
    "person",
    "role",
    "anchor",
    "url",
    "position",
)


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept (changed by an editor)"
    REPLACED = "replaced (changed by an editor, --force)"


CHANGES = (Outcome.CREATED, Outcome.UPDATED, Outcome.REPLACED)


class Command(BaseCommand):
    help = (
        "Load the dossier from fixtures/ (idempotent). Records an editor has changed since "
        "they were loaded are kept and listed; --force replaces them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures", nargs="*", type=Path, help="Fixture files (default: the dossier's)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Replace records an editor has changed."
        )

    def handle(self, *args, **options):
        paths = options["fixtures"] or [FIXTURE_DIR / name for name in FIXTURE_FILES]
        totals, kept, written = Counter(), [], set()
        with transaction.atomic():
            for path in paths:
                outcomes = self.load_file(path, options["force"], options["verbosity"])
                totals.update(outcome for outcome, _, _ in outcomes)
                kept += [name for outcome, name, _ in outcomes if outcome is Outcome.KEPT]
                written |= {key for outcome, _, key in outcomes if outcome in CHANGES}
            refreshed = refresh_links(written)
        if refreshed:
            self.stdout.write(f"Links refreshed in {refreshed} texts that name what changed.")
        self.report(totals, kept)

    def load_file(self, path: Path, force: bool, verbosity: int) -> list[tuple]:
        """(outcome, name, (model label, pk)) for each record of the file."""
        records = read_fixture(path)
        self.stdout.write(f"Loading {path.name} ({len(records)} records)")
        outcomes = []
        for index, fixture_record in enumerate(records, start=1):
            name = describe(fixture_record)
            try:
                outcome, instance = load_record(fixture_record, force)
            except Exception as error:
                raise CommandError(
                    f"{path.name}, record {index} ({name}): {error}. Nothing was loaded."
                ) from error
            outcomes.append((outcome, name, (instance._meta.label_lower, instance.pk)))
            if verbosity >= 2:
                self.stdout.write(f"  {name}: {outcome}")
        counts = Counter(outcome for outcome, _, _ in outcomes)
        self.stdout.write("  " + ", ".join(f"{counts[o]} {o}" for o in Outcome if counts[o]))
        return outcomes

    def report(self, totals: Counter, kept: list[str]) -> None:
        changes = sum(totals[o] for o in CHANGES)
        self.stdout.write(f"Dossier loaded: {changes} changes ({sum(totals.values())} records).")
        if kept:
            self.stdout.write(
                self.style.WARNING(
                    f"Kept {len(kept)} record{pluralize(kept)} an editor changed since loaded "
                    "(load_dossier --force replaces them):"
                )
            )
            for name in kept:
                self.stdout.write(f"  {name}")


def read_fixture(path: Path) -> list[dict]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error
    if not isinstance(records, list):
        raise CommandError(f"{path}: expected a list of records")
    return records


def describe(fixture_record) -> str:
    fields = fixture_record.get("fields", {}) if isinstance(fixture_record, dict) else {}
    key = " ".join(f"{name}={fields[name]}" for name in IDENTIFYING_FIELDS if name in fields)
    model = fixture_record.get("model", "?") if isinstance(fixture_record, dict) else "?"
    return f"{model} {key}".strip()


def load_record(fixture_record: dict, force: bool) -> tuple[Outcome, object]:
    """Create, update or keep one record; the fixture names it by natural key, so the
    deserialiser finds the existing record, if any."""
    deserialized = next(serializers.deserialize("python", [fixture_record]))
    built, fields = deserialized.object, fixture_record["fields"]
    wanted = digest(fixture_record["fields"], type(built))
    existing = type(built)._default_manager.filter(pk=built.pk).first() if built.pk else None
    if existing is None:
        save(built, deserialized.m2m_data, wanted)
        return Outcome.CREATED, built
    current = digest(stored_fields(existing, fields), type(built))
    if current == wanted:
        if existing.fixture_digest != wanted:
            type(existing)._default_manager.filter(pk=existing.pk).update(fixture_digest=wanted)
        return Outcome.UNCHANGED, existing
    changed_by_editor = current != existing.fixture_digest
    if changed_by_editor and not force:
        return Outcome.KEPT, existing
    copy_fields(built, existing, fields)
    save(existing, deserialized.m2m_data, wanted)
    return (Outcome.REPLACED if changed_by_editor else Outcome.UPDATED), existing


def stored_fields(instance, fields: dict) -> dict:
    """The record's current values of the fields the fixture names, in the fixture's terms."""
    serialized = serializers.serialize(
        "python", [instance], fields=list(fields), use_natural_foreign_keys=True
    )
    return serialized[0]["fields"]


def digest(fields: dict, model) -> str:
    """A digest of field values that does not depend on how they were written down: dates as
    ISO text, natural keys as lists, many-to-many values in a fixed order."""
    canonical = json.loads(json.dumps(fields, cls=DjangoJSONEncoder))
    for field in model._meta.many_to_many:
        if field.name in canonical:
            canonical[field.name] = sorted(canonical[field.name])
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def copy_fields(source, target, fields: dict) -> None:
    for name in fields:
        field = type(target)._meta.get_field(name)
        if not field.many_to_many:
            setattr(target, field.attname, getattr(source, field.attname))


def save(instance, m2m_data: dict, fixture_digest: str) -> None:
    """Validate and save through the model's own save(), which renders Markdown and keeps old
    URLs alive; the history entry says where the change came from."""
    instance.fixture_digest = fixture_digest
    instance.full_clean()
    instance._change_reason = "load_dossier"
    instance.save()
    for name, values in m2m_data.items():
        getattr(instance, name).set(values)


def refresh_links(written: set[tuple[str, int]]) -> int:
    """Render again the linking text this load did not save, if it changed a link target."""
    if not any(label in LINK_TARGETS for label, _ in written):
        return 0
    refreshed = 0
    for label in LINKING_TEXT:
        for record in apps.get_model(label)._default_manager.all():
            if (label, record.pk) not in written:
                record._change_reason = "load_dossier: links refreshed"
                record.save()
                refreshed += 1
    return refreshed
