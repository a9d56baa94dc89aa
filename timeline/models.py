"""The EU and Council of Europe measures the dossier presents, and their dated milestones."""

import re

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from dossier_portal.content.dates import (
    DatePrecision,
    format_date,
    validate_all,
    validate_plausible,
    validate_precision,
)
from dossier_portal.content.markdown import MARKDOWN_HELP, render
from dossier_portal.content.models import (
    ContentModel,
    FixtureProvenance,
    PermalinkMixin,
)
from dossier_portal.content.search_vectors import search_index, search_vector_field

# EUR-Lex CELEX numbers: sector (0-9, C, E), year, document type letters, number, e.g.
# 32011L0093, 52022PC0209, or a consolidated version 02011L0093-20111217.
CELEX_RE = re.compile(r"^[0-9CE]\d{4}[A-Z]{1,2}\d{4}(?:\(\d{2}\))?(?:-\d{8})?$")
# The Legislative Observatory's procedure numbers: year, number, type, e.g. 2022/0155(COD).
PROCEDURE_RE = re.compile(r"^\d{4}/\d{4}\([A-Z]{3}\)$")
OEIL_URL = "https://oeil.secure.europarl.europa.eu/oeil/popups/ficheprocedure.do?reference={}"
EUR_LEX_URL = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}"


def validate_celex(value: str) -> None:
    # Case and surrounding spaces do not matter: Measure.clean normalises them.
    if value and not CELEX_RE.match(value.strip().upper()):
        raise ValidationError(
            "%(value)s is not a CELEX number: expected e.g. 32011L0093 or 52022PC0209.",
            params={"value": value},
        )


def validate_procedure(value: str) -> None:
    if value and not PROCEDURE_RE.match(value):
        raise ValidationError(
            "%(value)s is not a procedure number: expected e.g. 2022/0155(COD).",
            params={"value": value},
        )


def normalise_reference(reference: str) -> str:
    """A reference as people type it, for lookups: case and spacing do not matter."""
    return re.sub(r"\s+", " ", reference).strip().casefold()


@reversion.register(exclude=["search_vector"], follow=["milestones", "documents"])
class Measure(PermalinkMixin, ContentModel):
    class Kind(models.TextChoices):
        FRAMEWORK_DECISION = "framework-decision", "Framework decision"
        DIRECTIVE = "directive", "Directive"
        REGULATION = "regulation", "Regulation"
        PROPOSED_REGULATION = "proposed-regulation", "Proposal for a regulation"
        PROPOSED_DIRECTIVE = "proposed-directive", "Proposal for a directive"
        STRATEGY = "strategy", "Strategy"
        CONVENTION = "convention", "Convention"

    class Body(models.TextChoices):
        EU = "eu", "European Union"
        COUNCIL_OF_EUROPE = "coe", "Council of Europe"

    class Status(models.TextChoices):
        IN_FORCE = "in-force", "In force"
        ADOPTED = "adopted", "Adopted"
        IN_NEGOTIATION = "in-negotiation", "In negotiation"
        REPLACED = "replaced", "Replaced"
        UNSTATED = "", "Not stated"

    PROPOSAL_KINDS = (Kind.PROPOSED_REGULATION, Kind.PROPOSED_DIRECTIVE)

    title = models.TextField(help_text="The full title as printed in the dossier.")
    short_title = models.CharField(max_length=120, help_text='e.g. "CSA Regulation".')
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    body = models.CharField("issuing body", max_length=5, choices=Body.choices, default=Body.EU)
    reference = models.CharField(
        max_length=100, blank=True, help_text='As printed, e.g. "COM(2022) 209 final".'
    )
    celex = models.CharField(
        "CELEX number",
        max_length=30,
        blank=True,
        validators=[validate_celex],
        help_text="EUR-Lex's identifier, e.g. 32011L0093. Leave empty where unknown.",
    )
    procedure = models.CharField(
        "procedure number",
        max_length=20,
        blank=True,
        validators=[validate_procedure],
        help_text="The EU legislative procedure's number, e.g. 2022/0155(COD): the page links to "
        "its file in the Legislative Observatory. Leave empty where unknown.",
    )
    date = models.DateField(null=True, blank=True, help_text="The measure's own date.")
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    status_text = models.CharField(
        max_length=200,
        blank=True,
        help_text='The status in the dossier\'s words, e.g. "in negotiation".',
    )
    status_as_of = models.DateField(
        null=True, blank=True, help_text='When the status was stated ("status: October 2025").'
    )
    status_is_reading = models.BooleanField(
        "status is the portal's reading",
        default=False,
        help_text="Tick when the dossier does not state the status outright: the page then says "
        "that the status is the portal's reading of the words shown beside it.",
    )
    summary = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    summary_html = models.TextField(blank=True, editable=False)
    replaces = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="replaced_by",
        blank=True,
        help_text="What it replaces (an adopted act) or would replace (a proposal, as its title "
        "says): the pages say which, from the proposal's kind.",
    )
    recasts = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="recast_by",
        blank=True,
        help_text="The act a proposal proposes to recast (revise); that act's page says it is "
        "being revised by this one.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names article text uses for it, one per line (e.g. CSA Regulation). "
        "Article text mentioning one links here.",
    )
    search_vector = search_vector_field(
        ("short_title", "A"), ("title", "A"), ("reference", "A"), ("celex", "A"),
        ("aliases", "B"), ("summary", "C"), ("status_text", "D"),
    )  # fmt: skip

    class Meta:
        ordering = ["date", "short_title"]
        indexes = [search_index("measure_search_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["celex"],
                condition=~models.Q(celex=""),
                name="unique_celex_when_known",
                violation_error_message="Another measure already has this CELEX number.",
            )
        ]

    def __str__(self):
        return self.short_title or self.title

    def get_absolute_url(self):
        return reverse("timeline:measure", args=[self.slug])

    @property
    def date_display(self) -> str:
        return format_date(self.date, self.date_precision)

    @property
    def is_proposal(self) -> bool:
        """A proposal's relations are what it would do, not what it did."""
        return self.kind in self.PROPOSAL_KINDS

    @property
    def eur_lex_url(self) -> str:
        return EUR_LEX_URL.format(self.celex) if self.celex else ""

    @property
    def oeil_url(self) -> str:
        return OEIL_URL.format(self.procedure) if self.procedure else ""

    @property
    def status_as_of_display(self) -> str:
        return format_date(self.status_as_of, DatePrecision.MONTH)

    def alias_list(self) -> list[str]:
        names = [self.short_title, *(a.strip() for a in self.aliases.splitlines() if a.strip())]
        return [n for n in names if n]

    def clean(self):
        self.celex = self.celex.strip().upper()
        validate_all(
            lambda: validate_precision(self.date, self.date_precision, "date"),
            lambda: validate_plausible(self.date, "date"),
            lambda: validate_plausible(self.status_as_of, "status_as_of"),
            self._validate_status_after_date,
        )

    def _validate_status_after_date(self):
        # The status is stated to the month ("status: October 2025").
        if self.status_as_of and self.date and self.status_as_of < self.date.replace(day=1):
            raise ValidationError(
                {"status_as_of": "The status cannot be stated before the measure's own date."}
            )

    def save(self, *args, **kwargs):
        self.summary_html = render(self.summary).html
        super().save(*args, **kwargs)


@reversion.register(exclude=["search_vector"], follow=["measure"])
class Milestone(ContentModel):
    """A dated event in a measure's life, attached to the measure the dossier attaches it to."""

    class Stage(models.TextChoices):
        """The stages of the EU's ordinary legislative procedure, in their order. The proposal
        is the measure itself (its kind and date), so no milestone marks it."""

        PARLIAMENT_POSITION = "parliament-position", "Parliament’s position"
        COUNCIL_POSITION = "council-position", "Council’s position"
        NEGOTIATIONS = "negotiations", "Negotiations"
        ADOPTION = "adoption", "Adoption"
        IN_FORCE = "in-force", "In force"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="milestones")
    slug = models.SlugField(
        max_length=100, help_text="Its anchor on the measure's page; keep it stable."
    )
    date = models.DateField()
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(
        max_length=200, help_text="What happened, in a few of the dossier's words."
    )
    source_sentence = models.TextField(
        blank=True, help_text="The dossier's sentence this milestone comes from."
    )
    stage = models.CharField(
        "stage of the EU procedure",
        max_length=30,
        choices=Stage.choices,
        blank=True,
        help_text="The stage this milestone reports, when the sentence says so outright: the "
        "measure's page builds its stage track from these alone.",
    )
    search_vector = search_vector_field(("title", "A"), ("source_sentence", "C"))

    class Meta:
        ordering = ["date", "pk"]
        indexes = [
            search_index("milestone_search_idx"),
            # "Latest milestones" on the home page reads the newest few of a long timeline.
            models.Index(fields=["-date", "-id"], name="milestone_latest_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["measure", "slug"], name="unique_milestone_anchor")
        ]

    def __str__(self):
        return f"{self.date_display}: {self.title}"

    def get_absolute_url(self):
        return f"{self.measure.get_absolute_url()}#{self.slug}"

    @property
    def date_display(self) -> str:
        return format_date(self.date, self.date_precision)

    def clean(self):
        validate_all(
            lambda: validate_precision(self.date, self.date_precision, "date"),
            lambda: validate_plausible(self.date, "date"),
        )


@reversion.register(follow=["measure"])
class DocumentLink(FixtureProvenance):
    """A link to the measure's text (e.g. on EUR-Lex), as the dossier gives it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="documents")
    label = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "url"], name="unique_document_link")
        ]

    def __str__(self):
        return self.label
