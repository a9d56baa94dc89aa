from django.apps import AppConfig


class DossierPortalConfig(AppConfig):
    name = "dossier_portal"
    verbose_name = "Dossier portal"

    def ready(self):
        from dossier_portal.content_version import connect_signals

        connect_signals()
