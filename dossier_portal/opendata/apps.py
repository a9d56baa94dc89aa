from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    """API, CSV, feeds, sitemaps, structured data and citations (an app for its template tags)."""

    name = "dossier_portal.opendata"
    label = "opendata"
    verbose_name = "Open data"
