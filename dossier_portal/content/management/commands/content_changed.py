"""`manage.py content_changed`: tell caches that content changed behind Django's back (a
restored backup, SQL run by hand): raise the content version and purge the frontends."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from dossier_portal.content.content_version import bump_content_version, current_version


class Command(BaseCommand):
    help = "Raise the content version and purge the frontends (make restore runs it)."

    def handle(self, *args, **options):
        with transaction.atomic():
            bump_content_version()
        purged = len(settings.PURGE_FRONTENDS)
        self.stdout.write(
            f"content version {current_version().number}; {purged} frontend(s) purged"
        )
