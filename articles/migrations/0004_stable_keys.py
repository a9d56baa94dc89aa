"""Every record gets its stable key (see dossier_portal.content.stable_keys): load_dossier
matches fixture records on it instead of on a slug an editor may have renamed."""

from django.db import migrations, models

import dossier_portal.content.models
from dossier_portal.content.stable_keys import give_keys as give_all_keys


def give_keys(apps, schema_editor):
    give_all_keys(apps, "articles")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_fixture_provenance"),
        ("organisations", "0005_stable_keys"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="contribution",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcontribution",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="interviewquestion",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalinterviewquestion",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="interviewanswer",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalinterviewanswer",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="key",
            field=models.CharField(
                db_index=True,
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalkeyfigure",
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
            model_name="article",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="contribution",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="interviewquestion",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="interviewanswer",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="keyfigure",
            name="key",
            field=models.CharField(
                default=dossier_portal.content.models.new_key,
                editable=False,
                max_length=200,
                unique=True,
            ),
        ),
    ]
