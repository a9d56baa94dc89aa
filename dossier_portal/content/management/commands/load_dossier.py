"""Load the dossier's fixtures into Postgres, by natural key, without undoing editors' work
(how: dossier_portal.content.fixture_loading). Everything runs in one transaction: a record
that fails leaves the database as it was.
"""

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.defaultfilters import pluralize

from dossier_portal.content.crosslinks import LINK_TARGETS, rerender_linking_texts
from dossier_portal.content.fixture_loading import CHANGES, LEFT_TO_EDITORS, Loader, Outcome

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"
# Organisations and measures first: saving an article links its text to them.
FIXTURE_FILES = ("organisations.json", "timeline.json", "articles.json")
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


class Command(BaseCommand):
    help = (
        "Load the dossier from fixtures/ (idempotent). Records an editor has changed since "
        "they were loaded (or deleted) are kept and listed; --force replaces them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures", nargs="*", type=Path, help="Fixture files (default: the dossier's)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Replace records an editor has changed."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be created, updated and kept, and what --force would "
            "overwrite, and save nothing.",
        )

    def handle(self, *args, **options):
        paths = options["fixtures"] or [FIXTURE_DIR / name for name in FIXTURE_FILES]
        loader = Loader(force=options["force"])
        outcomes = []
        with transaction.atomic():
            for path in paths:
                outcomes += self.load_file(path, loader, options["verbosity"])
            written = {key for outcome, _, key in outcomes if outcome in CHANGES}
            refreshed = refresh_links(written)
            if options["dry_run"]:
                # Everything ran, so every error a real load would meet is met; none of it stays.
                transaction.set_rollback(True)
        if options["dry_run"]:
            self.report_dry_run(outcomes, refreshed)
            return
        if refreshed:
            self.stdout.write(f"Links refreshed in {refreshed} texts that name what changed.")
        totals = Counter(outcome for outcome, _, _ in outcomes)
        kept = [f"{name}: {o}" for o, name, _ in outcomes if o in LEFT_TO_EDITORS]
        self.report(totals, kept)

    def load_file(self, path: Path, loader: Loader, verbosity: int) -> list[tuple]:
        """(outcome, name, (model label, pk)) for each record of the file."""
        records = read_fixture(path)
        self.stdout.write(f"Loading {path.name} ({len(records)} records)")
        outcomes = []
        for index, fixture_record in enumerate(records, start=1):
            name = describe(fixture_record)
            try:
                outcome, instance = loader.load(fixture_record)
            except Exception as error:
                raise CommandError(
                    f"{path.name}, record {index} ({name}): {error}. Nothing was loaded."
                ) from error
            key = (instance._meta.label_lower, instance.pk) if instance else None
            outcomes.append((outcome, name, key))
            if verbosity >= 2:
                self.stdout.write(f"  {name}: {outcome}")
        counts = Counter(outcome for outcome, _, _ in outcomes)
        self.stdout.write("  " + ", ".join(f"{n} {outcome}" for outcome, n in counts.items()))
        return outcomes

    def report(self, totals: Counter, kept: list[str]) -> None:
        changes = sum(totals[o] for o in CHANGES)
        self.stdout.write(f"Dossier loaded: {changes} changes ({sum(totals.values())} records).")
        if kept:
            self.stdout.write(
                self.style.WARNING(
                    f"Kept {len(kept)} record{pluralize(kept)} as an editor left "
                    f"{pluralize(kept, 'it,them')} (load_dossier --force replaces them):"
                )
            )
            for name in kept:
                self.stdout.write(f"  {name}")

    def report_dry_run(self, outcomes: list[tuple], refreshed: int) -> None:
        self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        for outcome in (*CHANGES, *LEFT_TO_EDITORS):
            names = [name for o, name, _ in outcomes if o == outcome]
            self.stdout.write(f"Would be {outcome}: {len(names)}")
            for name in names:
                self.stdout.write(f"  {name}")
        unchanged = sum(o == Outcome.UNCHANGED for o, _, _ in outcomes)
        self.stdout.write(f"Unchanged: {unchanged}; texts whose links to refresh: {refreshed}.")
        overwritten = [name for o, name, _ in outcomes if o in LEFT_TO_EDITORS]
        if overwritten:
            self.stdout.write(f"load_dossier --force would overwrite {len(overwritten)}:")
            for name in overwritten:
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


def refresh_links(written: set[tuple[str, int]]) -> int:
    """Text is linked to the measures and organisations it names when it is saved: when this
    load changed one of those, render again the linking text it did not save."""
    if not any(label in LINK_TARGETS for label, _ in written):
        return 0
    return rerender_linking_texts(already_rendered=written)
