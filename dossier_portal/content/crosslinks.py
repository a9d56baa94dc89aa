"""Cross-links: article text links to the measures and organisations it names. This is the one
place that says which models are link targets and which texts carry the links; rendering,
load_dossier, the admin and the usage pages read it.

This module imports no app: the models are named by their labels.
"""

from django.apps import apps
from django.db import models

from dossier_portal.content.markdown import LinkTarget

# Pages that text links to wherever it names them (alias_list() gives the names).
LINK_TARGETS = ("timeline.measure", "organisations.organisation")
# Texts whose save() renders their Markdown with cross-links to the link targets.
LINKING_TEXTS = ("articles.article", "articles.interviewanswer")


def is_link_target(record: models.Model) -> bool:
    return record._meta.label_lower in LINK_TARGETS


def link_targets() -> list[LinkTarget]:
    """Every published link target, under each name text may use for it."""
    return [
        LinkTarget(
            key=f"{label}:{record.pk}",
            url=record.get_absolute_url(),
            aliases=tuple(record.alias_list()),
        )
        for label in LINK_TARGETS
        for record in apps.get_model(label).objects.published()
    ]


def rerender_linking_texts(already_rendered: set[tuple[str, int]] = frozenset()) -> int:
    """Render every linking text again with the current link targets, but those in
    `already_rendered` ((label, pk) pairs); returns how many. Their history stays as it is:
    only the derived HTML and mentions change, nothing an editor wrote."""
    rendered = 0
    for label in LINKING_TEXTS:
        for text in apps.get_model(label)._default_manager.all():
            if (label, text.pk) not in already_rendered:
                text.save_without_historical_record()
                rendered += 1
    return rendered
