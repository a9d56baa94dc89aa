"""Every record gets its stable key (see dossier_portal.content.stable_keys): load_dossier
matches fixture records on it instead of on a slug an editor may have renamed."""

from django.db import migrations, models

import dossier_portal.content.models
from dossier_portal.content.stable_keys import give_keys as give_all_keys


def give_keys(apps, schema_editor):
    give_all_keys(apps, "timeline")


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0005_milestone_latest_index"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalmeasure",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="milestone",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalmilestone",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="documentlink",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicaldocumentlink",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="measure",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="milestone",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="documentlink",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
    ]
