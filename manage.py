#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dossier_portal.settings")
    if not os.environ.get("DATABASE_URL"):
        # Development: without DATABASE_URL the checkout's embedded Postgres is the database.
        from dossier_portal.devtools import embedded_pg

        os.environ["DATABASE_URL"] = embedded_pg.database_url()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
