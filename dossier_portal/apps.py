from django.apps import AppConfig


class DossierPortalConfig(AppConfig):
    name = "dossier_portal"
    verbose_name = "Dossier portal"
