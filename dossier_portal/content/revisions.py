"""Revisions (django-reversion): a record saved with its parts is one revision. What a revision's
note says, a revision taken outside the admin's views (a deletion's), and the one-time
conversion of django-simple-history's rows into revisions for existing databases.

This module imports no app; the apps' migrations call history_to_revisions."""

import json
from collections import defaultdict
from datetime import timedelta

import reversion
from django.core.serializers.json import DjangoJSONEncoder

from dossier_portal.content.models import LOADED_FROM_DOSSIER

# A revision's note for what is not an ordinary save (recent changes label them so).
REVERTED = "Reverted to an earlier version"
RESTORED = "Restored after its deletion"
DELETED = "Deleted"
# django-simple-history kept a row per record saved: rows of one record and its parts this close
# together, by the same user, were one save of the admin form or of load_dossier.
SAME_SAVE = timedelta(seconds=2)


def save_revisions(records, user=None, note: str = "") -> None:
    """A revision of each record with its parts. Taken with the note DELETED just before a
    deletion, it is what restoring brings back, and tells load_dossier an editor deleted it."""
    for one in records:
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(note)
            reversion.add_to_revision(one)


def history_to_revisions(app_label: str, parts_of: dict[str, dict[str, str]]):
    """A RunPython function: every version django-simple-history kept of the app's records
    becomes a revision of the record with its parts as they were at that moment, so that
    reverting brings the parts back too. A deletion becomes a "Deleted" revision of what was
    deleted, which is what restoring brings back. `parts_of` maps each record model to its
    parts' models and the name of their link to it."""

    def convert(apps, schema_editor):
        for root, parts in parts_of.items():
            _Converter(apps, app_label, root, parts).run()

    return convert


class _Converter:
    def __init__(self, apps, app_label, root, parts):
        self.apps, self.app_label, self.root = apps, app_label, root
        self.links = {root: None, **parts}  # model name -> its link to the root (None: itself)
        self.rows = {
            name: list(
                apps.get_model(app_label, f"historical{name}")
                .objects.order_by("history_date", "history_id")
                .iterator()
            )
            for name in self.links
        }

    def run(self):
        Revision = self.apps.get_model("reversion", "Revision")
        for saves in self._saves_by_record().values():
            for save in saves:
                deletion = any(row.history_type == "-" for name, row in save if name == self.root)
                # A deletion's revision holds the record as it was just before it.
                moment = (
                    save[0][1].history_date - timedelta(microseconds=1)
                    if deletion
                    else (save[-1][1].history_date)
                )
                root_pk = self._root_pk(*save[0])
                snapshot = self._as_of(root_pk, moment)
                if not snapshot:
                    continue
                first = save[0][1]
                revision = Revision.objects.create(
                    date_created=save[-1][1].history_date,
                    user_id=first.history_user_id,
                    comment=DELETED if deletion else _note(first.history_change_reason),
                )
                for name, row in snapshot:
                    self._version(revision, name, row)

    def _root_pk(self, name, row):
        link = self.links[name]
        return row.id if link is None else getattr(row, f"{link}_id")

    def _saves_by_record(self) -> dict:
        """Per root record, its rows and its parts' rows grouped into saves, oldest first."""
        events = defaultdict(list)
        for name, rows in self.rows.items():
            for row in rows:
                events[self._root_pk(name, row)].append((name, row))
        saves = {}
        for root_pk, found in events.items():
            found.sort(key=lambda event: (event[1].history_date, event[1].history_id))
            groups = []
            for name, row in found:
                first = groups[-1][0][1] if groups else None
                if (
                    first is not None
                    and row.history_user_id == first.history_user_id
                    and row.history_date - first.history_date <= SAME_SAVE
                ):
                    groups[-1].append((name, row))
                else:
                    groups.append([(name, row)])
            saves[root_pk] = groups
        return saves

    def _as_of(self, root_pk, moment) -> list:
        """The root record and its parts as they stood at `moment` (rows not deleted)."""
        latest = {}
        for name, rows in self.rows.items():
            for row in rows:
                if row.history_date > moment or self._root_pk(name, row) != root_pk:
                    continue
                latest[(name, row.id)] = row
        alive = [(name, row) for (name, _), row in latest.items() if row.history_type != "-"]
        if not any(name == self.root for name, _ in alive):
            return []
        return alive

    def _version(self, revision, name, row):
        apps = self.apps
        model = apps.get_model(self.app_label, name)
        historical = type(row)
        fields = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or not _kept(historical, field.attname):
                continue
            fields[field.name] = getattr(row, field.attname)
        for field in model._meta.many_to_many:
            if not field.remote_field.through._meta.auto_created:
                continue  # a relation through a model of its own, versioned as parts
            kept = f"historical{name}_{field.name}"
            try:
                through = apps.get_model(self.app_label, kept)
            except LookupError:
                continue
            target = f"to_{field.related_model._meta.model_name}_id"
            links = through.objects.filter(history_id=row.history_id)
            fields[field.name] = sorted(links.values_list(target, flat=True))
        ContentType = apps.get_model("contenttypes", "ContentType")
        content_type, _ = ContentType.objects.get_or_create(app_label=self.app_label, model=name)
        data = [{"model": f"{self.app_label}.{name}", "pk": row.id, "fields": fields}]
        apps.get_model("reversion", "Version").objects.create(
            revision=revision,
            object_id=str(row.id),
            content_type=content_type,
            db="default",
            format="json",
            serialized_data=json.dumps(data, cls=DjangoJSONEncoder),
            object_repr=_repr(row, model),
        )


def _kept(historical, attname: str) -> bool:
    """Whether simple-history kept the field (it left out search vectors and contents)."""
    return any(field.attname == attname for field in historical._meta.concrete_fields)


def _note(reason: str | None) -> str:
    return LOADED_FROM_DOSSIER if (reason or "").startswith(LOADED_FROM_DOSSIER) else reason or ""


def _repr(row, model) -> str:
    for name in ("short_title", "name", "title", "label", "text", "question"):
        value = getattr(row, name, "")
        if value:
            return str(value)[:191]
    return f"{model._meta.verbose_name} {row.id}"
