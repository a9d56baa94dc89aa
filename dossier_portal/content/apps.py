from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The content library every app builds on (base models, mentions, the content version).

    Its label stays "dossier_portal", the label it had before the package was split by role,
    so its tables and migration history keep their names on existing databases.
    """

    name = "dossier_portal.content"
    label = "dossier_portal"
    verbose_name = "Dossier content"

    def ready(self):
        from dossier_portal.content import content_version, crosslinks

        content_version.connect_signals()
        crosslinks.connect_signals()
