from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditingConfig(AppConfig):
    """The admin's bases, history, recovery and the Editors role."""

    name = "dossier_portal.editing"
    label = "editing"
    verbose_name = "Editing"

    def ready(self):
        # post_migrate is sent once per app that has models; this app has none of its own.
        post_migrate.connect(_sync_editors_group, dispatch_uid="sync-editors-group")


def _sync_editors_group(sender, app_config, using, **kwargs):
    from django.apps import apps

    from dossier_portal.editing.editors import EDITABLE_MODELS, sync_editors_group

    if app_config.label in EDITABLE_MODELS:
        sync_editors_group(apps, using=using)
