"""Create (or update) an editor's account: staff, in the Editors group, never a superuser."""

import secrets
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dossier_portal.editing.editors import EDITORS_GROUP, sync_editors_group


class Command(BaseCommand):
    help = (
        "Create an editor account (staff, in the Editors group) with a new random password, "
        "which is printed once. For an existing account, add it to the group; its password "
        "changes only with --new-password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--new-password", action="store_true", help="Give an existing account a new password."
        )
        parser.add_argument(
            "--password-file",
            type=Path,
            help="Keep the password in this file: read it from there, or write a new one there "
            "if the file does not exist (for a local development account).",
        )

    def handle(self, *args, username, email, new_password, password_file, **options):
        if not username.strip():
            raise CommandError("The username must not be empty.")
        group = sync_editors_group(apps)
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": email}
        )
        if user.is_superuser:
            raise CommandError(f"“{username}” is a superuser; an editor account is not.")
        user.is_staff = True
        user.is_active = True
        password = None
        if created or new_password or password_file:
            password = _password_from(password_file)
            user.set_password(password)
        user.save()
        user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} editor account “{username}” in the {EDITORS_GROUP} group.")
        if password:
            self.stdout.write(f"Password: {password}")


def _password_from(password_file: Path | None) -> str:
    if password_file is None:
        return secrets.token_urlsafe(18)
    if password_file.exists():
        return password_file.read_text().strip()
    password = secrets.token_urlsafe(18)
    password_file.write_text(password + "\n")
    password_file.chmod(0o600)
    return password
