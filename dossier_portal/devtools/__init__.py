"""Development tooling: the embedded Postgres, the steps `make run` takes before serving,
benchmarks and the synthetic corpus. The Makefile, manage.py and tests use it; production code
never imports it (tests/site/test_layout.py keeps it so).

Its commands are Django management commands run as modules, `python -m
dossier_portal.devtools.bench …`, so that they are not installed into the production site.
"""

import os
import sys


def run_command(command_class, name: str) -> None:
    """Run a devtools management command from the command line, as manage.py would."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dossier_portal.settings")
    if not os.environ.get("DATABASE_URL"):
        from dossier_portal.devtools import embedded_pg

        os.environ["DATABASE_URL"] = embedded_pg.database_url()
    import django

    django.setup()
    command_class().run_from_argv(
        [f"python -m dossier_portal.devtools.{name}", name, *sys.argv[1:]]
    )
