"""All that editors have made, as plain data, to compare before and after an operation that
must not lose any of it (migrations, backup and restore)."""

import reversion
from django.apps import apps
from django.contrib.redirects.models import Redirect
from django.core import serializers
from reversion.models import Revision, Version

from dossier_portal.content.models import Mention
from tests.support.public_urls import make_sample_dossier

CONTENT_APPS = ("articles", "timeline", "organisations")


def content_models() -> list:
    """Every model of the content apps, their history (revisions), the mentions and the
    redirects."""
    models = [model for label in CONTENT_APPS for model in apps.get_app_config(label).get_models()]
    return [*models, Revision, Version, Mention, Redirect]


def content_snapshot() -> dict[str, list[dict]]:
    return {
        model._meta.label: serializers.serialize("python", model._default_manager.order_by("pk"))
        for model in content_models()
    }


def make_edited_dossier() -> dict:
    """The sample dossier after an editor's day: a change with history, and a renamed page."""
    sample = make_sample_dossier()
    article = sample["article"]
    article.title = "A corrected title"
    article.body += "\n\nA sentence the editor added."
    measure = sample["measure"]
    measure.slug = "csa-regulation"  # its old URL now redirects
    with reversion.create_revision():
        article.save()
        measure.save()
    return sample
