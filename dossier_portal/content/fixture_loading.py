"""Loading one fixture record without undoing an editor's work (the logic of load_dossier).

Records are matched on their stable key (FixtureProvenance.key), never on a slug, title or
CELEX number an editor may change: a renamed record is still the fixture's record.

Each record keeps the digest of the fixture fields as the loader last wrote them
(`fixture_digest`). A record whose fields still match that digest is the loader's own and may be
updated; one that differs was changed by an editor and is kept unless forced. A record an editor
deleted (its last revision is its deletion) stays deleted, and so do its parts. Fields a fixture
does not name are never written.

This module imports no app: models are looked up by the labels fixtures name.
"""

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum

import reversion
from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from reversion.models import Version

from dossier_portal.content.models import LOADED_FROM_DOSSIER
from dossier_portal.content.revisions import DELETED


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept (changed by an editor)"
    KEPT_DELETED = "kept deleted (deleted by an editor)"
    REPLACED = "replaced (changed by an editor, --force)"


CHANGES = (Outcome.CREATED, Outcome.UPDATED, Outcome.REPLACED)
LEFT_TO_EDITORS = (Outcome.KEPT, Outcome.KEPT_DELETED)


@dataclass
class Loader:
    force: bool = False
    # (model label, natural key) of the records an editor deleted, and of their parts.
    deleted: set[tuple[str, tuple]] = field(default_factory=set)

    def load(self, fixture_record: dict) -> tuple[Outcome, models.Model | None]:
        """Create, update or keep one record, found by its key."""
        model = apps.get_model(fixture_record["model"])
        if not fixture_record["fields"].get("key"):
            raise ValueError("the record has no key (fixtures/derive gives every record one)")
        fields = self.without_deleted_relations(model, fixture_record["fields"])
        key = (model._meta.label_lower, (fields["key"],))
        if self.is_part_of_deleted(model, fields):
            self.deleted.add(key)
            return Outcome.KEPT_DELETED, None
        record = {**fixture_record, "fields": fields}
        # The record's natural key is its key, so the deserialiser finds the existing record.
        deserialized = next(serializers.deserialize("python", [record]))
        built, wanted = deserialized.object, digest(fields, model)
        existing = model._default_manager.filter(pk=built.pk).first() if built.pk else None
        if existing is None:
            if deleted_by_editor(model, key[1]) and not self.force:
                self.deleted.add(key)
                return Outcome.KEPT_DELETED, None
            save(built, deserialized.m2m_data, wanted)
            return Outcome.CREATED, built
        return self.update(existing, built, deserialized.m2m_data, fields, wanted), existing

    def update(self, existing, built, m2m_data: dict, fields: dict, wanted: str) -> Outcome:
        current = digest(stored_fields(existing, fields), type(existing))
        if current == wanted:
            if existing.fixture_digest != wanted:
                type(existing)._default_manager.filter(pk=existing.pk).update(fixture_digest=wanted)
            return Outcome.UNCHANGED
        changed_by_editor = was_changed_by_editor(existing, fields, current)
        if changed_by_editor and not self.force:
            return Outcome.KEPT
        copy_fields(built, existing, fields)
        save(existing, m2m_data, wanted)
        return Outcome.REPLACED if changed_by_editor else Outcome.UPDATED

    def is_part_of_deleted(self, model, fields: dict) -> bool:
        return any(
            (f.related_model._meta.label_lower, tuple(fields[f.name])) in self.deleted
            for f in model._meta.fields
            if f.is_relation and isinstance(fields.get(f.name), list)
        )

    def without_deleted_relations(self, model, fields: dict) -> dict:
        """The fields, with many-to-many references to deleted records left out."""
        fields = dict(fields)
        for relation in model._meta.many_to_many:
            label = relation.related_model._meta.label_lower
            if relation.name in fields:
                fields[relation.name] = [
                    key for key in fields[relation.name] if (label, tuple(key)) not in self.deleted
                ]
        return fields


def was_changed_by_editor(existing, fields: dict, current_digest: str) -> bool:
    """Whether the record's fields differ from what the loader last wrote. Fields the fixtures
    name now but did not when the record was loaded still hold their defaults: the digest of
    the others is then the one the loader made, and the record is still the loader's own. Of the
    fields holding their defaults, the ones added are either all of them or (when others, such
    as an issuing body, are named with their default value) those the fixtures set otherwise."""
    if current_digest == existing.fixture_digest:
        return False
    model = type(existing)
    stored = stored_fields(existing, fields)
    defaults = {name for name, value in stored.items() if holds_default(model, name, value)}
    set_otherwise = {name for name in defaults if plain(stored[name]) != plain(fields[name])}
    return all(
        digest({n: v for n, v in stored.items() if n not in added}, model)
        != existing.fixture_digest
        for added in (defaults, set_otherwise)
    )


def plain(value):
    """A field's value as JSON reads it, so a stored value compares with a fixture's."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def holds_default(model, name: str, value) -> bool:
    field = model._meta.get_field(name)
    return value == [] if field.many_to_many else value == field.get_default()


def deleted_by_editor(model, natural_key: tuple) -> bool:
    """Whether the record's last revision is its deletion."""
    (key,) = natural_key
    versions = Version.objects.get_for_model(model).filter(
        serialized_data__contains=f'"key": {json.dumps(key)}'
    )
    latest = versions.select_related("revision").order_by("-pk").first()
    return latest is not None and latest.revision.comment == DELETED


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
    for relation in model._meta.many_to_many:
        if relation.name in canonical:
            canonical[relation.name] = sorted(canonical[relation.name])
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def copy_fields(source, target, fields: dict) -> None:
    for name in fields:
        model_field = type(target)._meta.get_field(name)
        if not model_field.many_to_many:
            setattr(target, model_field.attname, getattr(source, model_field.attname))


def save(instance, m2m_data: dict, fixture_digest: str) -> None:
    """Validate and save through the model's own save(), which renders Markdown and keeps old
    URLs alive; its revision says where the change came from."""
    instance.fixture_digest = fixture_digest
    instance.full_clean()
    instance.loaded_from_dossier = True
    with reversion.create_revision():
        reversion.set_comment(LOADED_FROM_DOSSIER)
        instance.save()
        for name, values in m2m_data.items():
            getattr(instance, name).set(values)
