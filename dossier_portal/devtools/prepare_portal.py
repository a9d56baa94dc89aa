"""Everything `make run` does before serving: check the port, migrate, collect static files,
load the dossier."""

import socket

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


DEVELOPMENT_EDITOR = "editor"


class Command(BaseCommand):
    help = "Check the port, migrate, collect static files and load the dossier (make run)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, help="Fail early if this port is taken.")
        parser.add_argument(
            "--development-editor",
            action="store_true",
            help="Create the local editor account (make run; never production).",
        )

    def handle(self, *args, port=None, development_editor=False, **options):
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
        if development_editor:
            self.create_development_editor()

    def create_development_editor(self):
        """A local editor account whose password is made once and kept in an ignored file."""
        call_command(
            "create_editor",
            DEVELOPMENT_EDITOR,
            password_file=settings.BASE_DIR / ".dev-editor-password",
            stdout=self.stdout,
        )
        self.stdout.write(f"Sign in at /{settings.ADMIN_PATH} as “{DEVELOPMENT_EDITOR}”.")


if __name__ == "__main__":
    from dossier_portal.devtools import run_command

    run_command(Command, "prepare_portal")
