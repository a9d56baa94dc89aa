"""The organisations and people the dossier speaks of, and the roles people hold."""

import reversion
from django.db import models
from django.urls import reverse

from dossier_portal.content.dates import DatePrecision, format_date, validate_precision
from dossier_portal.content.markdown import MARKDOWN_HELP, render
from dossier_portal.content.models import (
    ContentModel,
    FixtureProvenance,
    PermalinkMixin,
)
from dossier_portal.content.search_vectors import search_index, search_vector_field

ALIASES_HELP = (
    "Other names article text uses for it, one per line (e.g. ECPAT). Article text mentioning "
    "the name or an alias links here."
)


@reversion.register(exclude=["search_vector"], follow=["links"])
class Organisation(PermalinkMixin, ContentModel):
    class Kind(models.TextChoices):
        NETWORK = "network", "Network"
        MOVEMENT = "movement", "Movement"
        CHARITY = "charity", "Charity"
        ALLIANCE = "alliance", "Alliance"
        ADVOCACY_GROUP = "advocacy-group", "Advocacy group"
        NON_GOVERNMENTAL = "ngo", "Non-governmental organisation"
        # Shown to readers, so in the dossier's words ("international organisation", "EU police
        # agency", the "Observatory"); "Organisation" where the dossier names no kind.
        INTERGOVERNMENTAL = "intergovernmental", "International organisation"
        EU_INSTITUTION = "eu-institution", "Agency"
        RESEARCH = "research", "Observatory"
        PROJECT = "project", "Project"
        OTHER = "other", "Organisation"

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    described_as = models.CharField(
        max_length=200, blank=True, help_text='How the dossier describes it, e.g. "global network".'
    )
    founded_on = models.DateField(null=True, blank=True, help_text="As precise as the dossier.")
    founded_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.YEAR
    )
    founded_place = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    description_html = models.TextField(blank=True, editable=False)
    website = models.URLField(blank=True)
    aliases = models.TextField(blank=True, help_text=ALIASES_HELP)
    position = models.PositiveIntegerField(
        default=0, help_text="Order in the directory: the order the dossier presents them in."
    )
    search_vector = search_vector_field(
        ("name", "A"), ("acronym", "A"), ("aliases", "B"), ("described_as", "B"),
        ("description", "C"),
    )  # fmt: skip

    class Meta:
        ordering = ["position", "name"]
        indexes = [search_index("organisation_search_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])

    @property
    def founded_display(self) -> str:
        return format_date(self.founded_on, self.founded_precision)

    def alias_list(self) -> list[str]:
        return [self.name, *(a.strip() for a in self.aliases.splitlines() if a.strip())]

    def clean(self):
        validate_precision(self.founded_on, self.founded_precision, "founded_on")

    def save(self, *args, **kwargs):
        self.description_html = render(self.description).html
        super().save(*args, **kwargs)


@reversion.register(follow=["organisation"])
class OrganisationLink(FixtureProvenance):
    """A further link about an organisation that the dossier gives (beyond its website)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "url"], name="unique_organisation_link")
        ]

    def __str__(self):
        return self.label


@reversion.register(exclude=["search_vector"], follow=["affiliations"])
class Person(PermalinkMixin, ContentModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    bio = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    bio_html = models.TextField(blank=True, editable=False)
    profile_url = models.URLField(max_length=500, blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="Affiliation", related_name="people", blank=True
    )
    search_vector = search_vector_field(("name", "A"), ("bio", "C"))

    class Meta:
        ordering = ["name"]
        indexes = [search_index("person_search_idx")]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:person", args=[self.slug])

    def save(self, *args, **kwargs):
        self.bio_html = render(self.bio).html
        super().save(*args, **kwargs)


@reversion.register(follow=["person"])
class Affiliation(FixtureProvenance):
    """A person's role in an organisation, as the dossier states it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(
        max_length=200,
        help_text='As stated, e.g. "Lead Policy & Advocacy Officer on Online Safety".',
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="unique_affiliation"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.role}, {self.organisation}"


@reversion.register()
class HelpResource(ContentModel):
    """Support for people affected, on the "Get help" page: facts from outside the dossier, each
    confirmed by the service's own page (`source_url`; fixtures/external_facts.json lists them)."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(help_text="Plain words: who it is for and what it offers.")
    phone = models.CharField(max_length=40, blank=True)
    url = models.URLField(blank=True)
    url_label = models.CharField(
        max_length=200, blank=True, help_text="The service's name, as the link's text."
    )
    region = models.CharField(max_length=100, blank=True, help_text='e.g. "EU-wide".')
    source_url = models.URLField(help_text="The service's own page that states these facts.")
    source_title = models.CharField(
        max_length=200, blank=True, help_text="That page's own title, as the link's text."
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class SearchSynonym(models.Model):
    """A reader's word for something the dossier words differently: searching for it also finds
    the dossier's words ("sextortion" finds "sexual extortion"). Kept by editors; not shown on
    any page but the search page, which says which words it also searched for."""

    reader_words = models.CharField(
        "reader's words",
        max_length=100,
        unique=True,
        help_text='What readers type, e.g. "sextortion". Stored in lower case.',
    )
    dossier_words = models.CharField(
        "the dossier's words",
        max_length=200,
        help_text='The words the dossier uses for it, e.g. "sexual extortion".',
    )

    class Meta:
        ordering = ["reader_words"]

    def __str__(self):
        return f"{self.reader_words} → {self.dossier_words}"

    def clean(self):
        self.reader_words = " ".join(self.reader_words.lower().split())
        self.dossier_words = " ".join(self.dossier_words.split())
