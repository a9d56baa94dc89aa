"""Everything `make run` does before serving: migrate, collect static files, load the dossier."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, collect static files and load the dossier (idempotent; make run calls it)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Static files collected.")
