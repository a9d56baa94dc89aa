"""Rendering article text: Markdown to stored HTML with cross-links, derived sections and the
record of which measures and organisations each section mentions."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from dossier_portal.content.markdown import LinkTarget, Rendered, render
from dossier_portal.content.models import Mention
from organisations.models import Organisation
from timeline.models import Measure

LINKABLE_MODELS = (Measure, Organisation)


def link_targets() -> list[LinkTarget]:
    """Every published measure and organisation, under each name article text may use for it."""
    targets = []
    for model in LINKABLE_MODELS:
        for record in model.objects.published():
            targets.append(
                LinkTarget(
                    key=f"{model._meta.label_lower}:{record.pk}",
                    url=record.get_absolute_url(),
                    aliases=tuple(record.alias_list()),
                )
            )
    return targets


def _target_of(key: str):
    label, pk = key.split(":")
    return ContentType.objects.get_by_natural_key(*label.split(".")), int(pk)


def record_mentions(
    source, rendered: Rendered, headings: dict[str, str], anchor: str | None = None
):
    """Store what `source` mentions, section by section, replacing what it mentioned before.
    `anchor`, when given, places every mention under that one anchor."""
    source_type = ContentType.objects.get_for_model(source)
    with transaction.atomic():
        Mention.objects.filter(source_type=source_type, source_id=source.pk).delete()
        Mention.objects.bulk_create(
            [
                Mention(
                    source_type=source_type,
                    source_id=source.pk,
                    anchor=anchor if anchor is not None else section_anchor,
                    heading=headings.get(section_anchor, ""),
                    target_type=target_type,
                    target_id=target_id,
                )
                for key, section_anchor in rendered.mentions
                for target_type, target_id in [_target_of(key)]
            ],
            ignore_conflicts=True,
        )


def render_article(article) -> None:
    """Render the body and store its sections and mentions (called after the article is saved)."""
    from articles.models import Article, ArticleSection

    rendered = render(article.body, link_targets())
    Article.objects.filter(pk=article.pk).update(body_html=rendered.html)
    article.body_html = rendered.html
    with transaction.atomic():
        article.sections.all().delete()
        ArticleSection.objects.bulk_create(
            ArticleSection(
                article=article,
                position=position,
                anchor=section.anchor,
                heading=section.heading,
                level=section.level or 2,
                text=section.text,
            )
            for position, section in enumerate(rendered.sections)
        )
        record_mentions(article, rendered, {s.anchor: s.heading for s in rendered.sections})
