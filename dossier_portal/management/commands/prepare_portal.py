"""Everything `make run` does before serving: check the port, migrate, collect static files,
load the dossier."""

import socket

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


class Command(BaseCommand):
    help = "Check the port, migrate, collect static files and load the dossier (make run)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, help="Fail early if this port is taken.")

    def handle(self, *args, port=None, **options):
        if port is not None and not port_is_free("127.0.0.1", port):
            raise CommandError(
                f"Port {port} is already in use on 127.0.0.1. "
                f"Stop what uses it, or choose another port: PORT={port + 1} make run"
            )
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Static files collected.")
        call_command("load_dossier", stdout=self.stdout)
