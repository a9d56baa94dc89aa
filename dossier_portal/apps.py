from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DossierPortalConfig(AppConfig):
    name = "dossier_portal"
    verbose_name = "Dossier portal"

    def ready(self):
        from dossier_portal.content_version import connect_signals

        connect_signals()
        post_migrate.connect(_sync_editors_group, sender=self)


def _sync_editors_group(sender, using, **kwargs):
    from django.apps import apps

    from dossier_portal.editors import sync_editors_group

    sync_editors_group(apps, using=using)
