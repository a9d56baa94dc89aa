"""What every content model shares: publication state, timestamps, fixture provenance,
permanent redirects when a public URL changes, and the record of where content is mentioned.

This module imports no app; the apps build on it.
"""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import Resolver404, resolve

from dossier_portal.content.stable_keys import first_key

# The note of load_dossier's revisions.
LOADED_FROM_DOSSIER = "load_dossier"


def sees_drafts(user) -> bool:
    """Readers see what is published; logged-in editors see drafts too (on detail pages)."""
    return user.is_authenticated and user.is_staff


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """What readers may see. Public views, search, feeds, sitemap and API start here."""
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Detail pages: what `user` may see (see sees_drafts)."""
        return self if sees_drafts(user) else self.published()


class NaturalKeyManager(models.Manager):
    """Finds a record by its natural key, which is its stable `key` (see FixtureProvenance)."""

    def get_by_natural_key(self, key):
        return self.get(key=key)


class ContentManager(NaturalKeyManager.from_queryset(PublishedQuerySet)):
    """Content records: found by key in fixtures, filtered by publication state for readers."""


NEW_KEY_PREFIX = "new-"


def new_key() -> str:
    """A placeholder key, unique, until save() gives a new record its lasting key."""
    return f"{NEW_KEY_PREFIX}{uuid.uuid4().hex}"


class FixtureProvenance(models.Model):
    """A record load_dossier may write. It keeps the digest of the fixture fields as it last
    wrote them, to tell an editor's change from its own and never overwrite the editor's."""

    fixture_digest = models.CharField(max_length=64, blank=True, editable=False)
    # The record's identity for load_dossier and the fixtures: given once (by fixtures/derive,
    # or new_key for a record made in the admin) and never changed by an edit, so renaming a
    # slug, a title or a CELEX number does not make the record a stranger to its fixture.
    key = models.CharField(max_length=200, unique=True, default=new_key, editable=False)

    objects = NaturalKeyManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A record made in the admin gets the key its values give (as fixtures/derive's do), so
        # the migration that gave existing databases their keys rebuilds the same key.
        if self._state.adding and self.key.startswith(NEW_KEY_PREFIX):
            self.key = first_key(self) or self.key
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.key,)


class EditedAtField(models.DateTimeField):
    """When an editor last changed the record: the moment of that save, its updated_at (which
    auto_now sets just before, being declared first), so the two never differ."""

    def pre_save(self, model_instance, add):
        if getattr(model_instance, "_saved_by_editor", False):
            setattr(model_instance, self.attname, model_instance.updated_at)
        return super().pre_save(model_instance, add)


class ContentModel(FixtureProvenance):
    """Base of every record readers can see and editors can revise."""

    is_published = models.BooleanField(
        "published",
        default=False,
        help_text="Readers see only published content; editors see drafts under a banner.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # Readers are told "Last updated" only for an editor's change: a record as loaded from the
    # dossier is the dossier's (Dossier 1 | 2025), whatever day the database was loaded.
    edited_at = EditedAtField(
        null=True, blank=True, editable=False, help_text="When an editor last changed it."
    )

    objects = ContentManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        loaded = getattr(self, "loaded_from_dossier", False)
        if loaded:
            self.edited_at = None  # the dossier's version, as loaded (or put back with --force)
        # Anything but the loader is an editor's change (a re-render of HTML is no save).
        self._saved_by_editor = not loaded
        super().save(*args, **kwargs)


class PermalinkMixin:
    """Keeps old URLs alive: when a saved record's absolute URL changes, the old one redirects
    (301) to the new one, and earlier redirects are pointed at the new URL too (no chains)."""

    def clean_fields(self, exclude=None):
        """Refuse a slug whose URL another route already answers (e.g. /timeline/ref/, the
        reference lookup): the page could never be reached."""
        super().clean_fields(exclude=exclude)
        if (exclude and "slug" in exclude) or not getattr(self, "slug", ""):
            return
        try:
            match = resolve(self.get_absolute_url())
        except Resolver404:
            match = None
        if match is None or match.kwargs.get("slug") != self.slug:
            raise ValidationError(
                {"slug": f"“{self.slug}” is taken by another page of the site; choose another."}
            )

    def save(self, *args, **kwargs):
        old_url = None
        if self.pk:
            previous = type(self)._default_manager.filter(pk=self.pk).first()
            old_url = previous.get_absolute_url() if previous else None
        with transaction.atomic():
            super().save(*args, **kwargs)
            new_url = self.get_absolute_url()
            if old_url and old_url != new_url:
                keep_old_url_alive(old_url, new_url)


def keep_old_url_alive(old_url: str, new_url: str) -> None:
    site = Site.objects.get_current()
    Redirect.objects.filter(site=site, new_path=old_url).update(new_path=new_url)
    Redirect.objects.filter(site=site, old_path=new_url).delete()
    Redirect.objects.update_or_create(site=site, old_path=old_url, defaults={"new_path": new_url})


class MentionQuerySet(models.QuerySet):
    def of(self, target: models.Model):
        return self.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        )


class Mention(models.Model):
    """`source` mentions `target` in the section with anchor `anchor`. Derived when the source's
    Markdown is rendered; never edited by hand."""

    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    anchor = models.CharField(max_length=200, blank=True)
    heading = models.CharField(max_length=300, blank=True)
    # A link typed by hand: the address as typed (it may be an old one); blank where the text
    # names the target. Rendering follows the link to the target whatever its address now.
    href = models.CharField(max_length=500, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")

    objects = MentionQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "anchor", "target_type", "target_id"],
                name="unique_mention_per_section",
            )
        ]

    def __str__(self):
        return f"{self.source} mentions {self.target}"


class ContentVersion(models.Model):
    """The site-wide content version: one row whose number every content change raises.

    Pages are cached under it and their ETag and Last-Modified derive from it, so one
    primary-key read per request tells whether anything readers see has changed (see
    site/page_cache.py). Every change raises it and purges the shared caches in front.
    """

    SINGLETON_ID = 1

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"content version {self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
