"""Every record gets its stable key (see dossier_portal.content.stable_keys): load_dossier
matches fixture records on it instead of on a slug an editor may have renamed."""

from django.db import migrations, models

import dossier_portal.content.models
from dossier_portal.content.stable_keys import give_keys as give_all_keys


def give_keys(apps, schema_editor):
    give_all_keys(apps, "organisations")


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_seed_help_resources"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="organisationlink",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalorganisationlink",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="affiliation",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalaffiliation",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="helpresource",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalhelpresource",
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
            model_name="organisation",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="organisationlink",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="affiliation",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="helpresource",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
    ]
