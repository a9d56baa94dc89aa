"""A backup made with `make backup` brings everything back with `make restore`: the content,
the editors' changes and their history, after content was changed and deleted."""

from urllib.parse import quote

import pytest
from django.db import connection
from reversion.models import Version

from articles.models import Article
from dossier_portal.editing import backups
from tests.support.content_snapshot import content_snapshot, make_edited_dossier
from timeline.models import Measure

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restore_brings_back_content_changes_and_history(tmp_path):
    sample = make_edited_dossier()
    before = content_snapshot()
    backup = backups.create(connection.settings_dict, tmp_path / "dossier.dump")
    assert backup.stat().st_mode & 0o077 == 0, "only its owner may read it"

    article_pk = sample["article"].pk
    sample["article"].delete()
    measure = Measure.objects.get(pk=sample["measure"].pk)
    measure.summary = "An editor's mistake."
    measure.save()
    assert content_snapshot() != before

    backups.restore(connection.settings_dict, backup)

    assert content_snapshot() == before
    article = Article.objects.get(pk=article_pk)
    versions = Version.objects.get_for_object(article).order_by("pk")
    titles = [version.field_dict["title"] for version in versions]
    assert len(titles) >= 2, "the history is back too"
    assert titles[-1] == "A corrected title"


def test_the_command_line_backs_up_and_restores_the_newest(tmp_path, monkeypatch, capsys):
    """What `make backup` and `make restore` run, against the database DATABASE_URL names."""
    database = connection.settings_dict
    socket_dir = quote(database["HOST"], safe="")
    url = f"postgres://{database['USER']}@{socket_dir}:{database['PORT']}/{database['NAME']}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(backups, "BACKUP_DIR", tmp_path)
    make_edited_dossier()
    before = content_snapshot()

    assert backups.main(["create"]) == 0
    Article.objects.all().delete()
    assert backups.main(["restore"]) == 0

    assert content_snapshot() == before
    assert f"restored {tmp_path}" in capsys.readouterr().out


def test_restoring_without_a_backup_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(backups, "BACKUP_DIR", tmp_path)
    assert backups.main(["restore"]) == 1
    assert "No backups in" in capsys.readouterr().err
