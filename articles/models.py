"""The dossier's articles: the editorial, the introductory article and the interview."""

import reversion
from django.db import models, transaction
from django.urls import reverse

from articles.rendering import record_mentions
from dossier_portal.content.crosslinks import render_linking_text
from dossier_portal.content.markdown import MARKDOWN_HELP
from dossier_portal.content.models import (
    ContentModel,
    FixtureProvenance,
    PermalinkMixin,
)
from dossier_portal.content.search_vectors import search_index, search_vector_field
from organisations.models import Person


@reversion.register(
    exclude=["search_vector", "contents"], follow=["contributions", "sources", "key_figures"]
)
class Article(PermalinkMixin, ContentModel):
    class Kind(models.TextChoices):
        EDITORIAL = "editorial", "Editorial"
        ARTICLE = "article", "Article"
        INTERVIEW = "interview", "Interview"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    position = models.PositiveIntegerField(unique=True, help_text="Its place in the dossier.")
    section_label = models.CharField(
        max_length=100, blank=True, help_text='The running head, e.g. "Civil society perspectives".'
    )
    standfirst = models.TextField(blank=True, help_text="A short lead shown under the title.")
    body = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    body_html = models.TextField(blank=True, editable=False)
    # The contents list, stored with the HTML (see dossier_portal.content.markdown.Rendered).
    contents = models.JSONField(default=list, blank=True, editable=False)
    signature = models.CharField(max_length=200, blank=True, help_text="As signed, if signed.")
    note = models.TextField(
        blank=True,
        help_text="The portal editors' note to readers, shown apart from the dossier's text: "
        "what the source text lacks here (announced parts, footnotes).",
    )
    contributors = models.ManyToManyField(
        Person, through="Contribution", related_name="contributions_to", blank=True
    )
    # The body is searched section by section (ArticleSection), so a hit links to its heading.
    search_vector = search_vector_field(
        ("title", "A"), ("standfirst", "B"), ("signature", "B"), ("section_label", "C")
    )

    # The contents list is derived from the body: a restored version renders it again.

    class Meta:
        ordering = ["position"]
        indexes = [search_index("article_search_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.render_body()

    def render_body(self, links=None) -> None:
        """Render the body and store its contents, sections and mentions, with `links` (see
        crosslinks.render_linking_text). After the save: the sections and mentions refer to the
        saved article. Never a save of the article: nothing an editor wrote changes. Only what
        differs is written (rendered again for a changed link, only links differ)."""
        rendered = render_linking_text(self, links)
        if (rendered.html, rendered.contents) != (self.body_html, self.contents):
            self.body_html, self.contents = rendered.html, rendered.contents
            Article.objects.filter(pk=self.pk).update(
                body_html=self.body_html, contents=self.contents
            )
        sections = [
            ArticleSection(
                article=self,
                position=position,
                anchor=section.anchor,
                heading=section.heading,
                level=section.level or 2,
                text=section.text,
            )
            for position, section in enumerate(rendered.sections)
        ]
        fields = ("anchor", "heading", "level", "text")
        with transaction.atomic():
            stored = list(self.sections.values_list(*fields))
            if stored != [tuple(getattr(s, name) for name in fields) for s in sections]:
                self.sections.all().delete()
                ArticleSection.objects.bulk_create(sections)
            record_mentions(self, rendered, {s.anchor: s.heading for s in rendered.sections})


@reversion.register(follow=["article"])
class Contribution(FixtureProvenance):
    """A person's part in an article: its author, or someone interviewed in it."""

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        INTERVIEWEE = "interviewee", "Interviewee"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="contributions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contributions")
    role = models.CharField(max_length=20, choices=Role.choices)
    show_bio = models.BooleanField(
        default=True, help_text="Print the person's bio with the article."
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "role"], name="unique_contribution"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}) in {self.article}"


class ArticleSection(models.Model):
    """A section of an article's body, derived from its headings on save (for search and for
    "mentioned in" links); editors change the body, never these."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    anchor = models.CharField(max_length=200, blank=True)
    heading = models.CharField(max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(default=2)
    text = models.TextField(blank=True)
    search_vector = search_vector_field(("heading", "A"), ("text", "C"))

    class Meta:
        ordering = ["article", "position"]
        indexes = [search_index("article_section_search_idx")]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="unique_section_position")
        ]

    def __str__(self):
        return self.heading or f"{self.article} (opening)"

    def get_absolute_url(self):
        url = self.article.get_absolute_url()
        return f"{url}#{self.anchor}" if self.anchor else url


@reversion.register(exclude=["search_vector"], follow=["answers"])
class InterviewQuestion(FixtureProvenance):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    text = models.TextField()
    anchor = models.SlugField(max_length=100, help_text="Its anchor on the page; keep it stable.")
    search_vector = search_vector_field(("text", "A"))

    class Meta:
        ordering = ["article", "position"]
        indexes = [search_index("interview_question_search_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="unique_question_position"
            ),
            models.UniqueConstraint(fields=["article", "anchor"], name="unique_question_anchor"),
        ]

    def __str__(self):
        return self.text


@reversion.register(exclude=["search_vector"], follow=["question"])
class InterviewAnswer(FixtureProvenance):
    question = models.ForeignKey(
        InterviewQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    position = models.PositiveIntegerField()
    speaker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="answers")
    body = models.TextField(help_text=MARKDOWN_HELP)
    body_html = models.TextField(blank=True, editable=False)
    breaks_off = models.BooleanField(
        default=False,
        help_text="The source document's text ends inside this answer; the page says so.",
    )
    search_vector = search_vector_field(("body", "C"))

    class Meta:
        ordering = ["question", "position"]
        indexes = [search_index("interview_answer_search_idx")]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="unique_answer_position")
        ]

    # "Mentioned in" links name the article an answer is part of (dossier_portal.content.mentions).
    mention_select_related = ("question__article",)

    def __str__(self):
        return f"{self.speaker}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        rendered = render_linking_text(self)
        self.body_html = rendered.html
        super().save(*args, **kwargs)
        self._record_mentions(rendered)

    def render_body(self, links=None) -> None:
        """Render the body again with `links` (see Article.render_body); never a save."""
        rendered = render_linking_text(self, links)
        if rendered.html != self.body_html:
            self.body_html = rendered.html
            InterviewAnswer.objects.filter(pk=self.pk).update(body_html=self.body_html)
        self._record_mentions(rendered)

    def _record_mentions(self, rendered) -> None:
        # An answer has no headings of its own: its mentions belong to its question's anchor.
        record_mentions(self, rendered, {"": self.question.text}, anchor=self.question.anchor)

    def get_absolute_url(self):
        return self.question.article.get_absolute_url()

    @property
    def mention_page(self):
        return self.question.article


@reversion.register(follow=["article"])
class Source(FixtureProvenance):
    """A link an article's pages list (the PDF's link annotations), with what it points at."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    label = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "url"], name="unique_source")]

    def __str__(self):
        return self.label


@reversion.register(follow=["article"])
class KeyFigure(ContentModel):
    """A figure the dossier gives, with what it counts, where, when and according to whom, each
    in the dossier's words, and the paragraph it stands in."""

    value = models.CharField(max_length=50, help_text='e.g. "1.3 million".')
    label = models.CharField(
        max_length=300, help_text="What the figure counts, in the dossier's words."
    )
    subject = models.CharField(
        max_length=200,
        blank=True,
        help_text="Whose or of what, in the dossier's words, when the label does not say it "
        '(e.g. "Eurochild" for its members, "AI-generated CSAM" for "this type of material").',
    )
    where = models.CharField(
        max_length=200, blank=True, help_text='Where, in the dossier\'s words: "In the EU alone".'
    )
    when = models.CharField(
        max_length=100, blank=True, help_text='When, in the dossier\'s words: "2023".'
    )
    according_to = models.CharField(
        max_length=200,
        blank=True,
        help_text='Who reported it, as the dossier names them: "The Internet Watch Foundation".',
    )
    speaker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_figures",
        help_text="The person quoted, when the figure is theirs (an interviewee's answer).",
    )
    sentence = models.TextField(help_text="The dossier's sentence it comes from.")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="key_figures")
    anchor = models.CharField(max_length=200, blank=True, help_text="The section it is in.")
    paragraph = models.CharField(
        max_length=200,
        blank=True,
        help_text="The anchor of the paragraph it stands in ({: #name} after the paragraph); "
        "its link leads there.",
    )
    position = models.PositiveIntegerField(default=0)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return f"{self.value} {self.label}"

    def get_absolute_url(self):
        url = self.article.get_absolute_url()
        anchor = self.paragraph or self.anchor
        return f"{url}#{anchor}" if anchor else url
