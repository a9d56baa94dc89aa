"""The list of readers' words for the dossier's words, begun with the one readers were seen to
miss: "sextortion", which the dossier calls "sexual extortion". Editors keep the list from here;
unapplying the seed removes nothing (they may have revised it)."""

from django.db import migrations, models


def add_first_synonym(apps, schema_editor):
    SearchSynonym = apps.get_model("organisations", "SearchSynonym")
    SearchSynonym.objects.get_or_create(
        reader_words="sextortion", defaults={"dossier_words": "sexual extortion"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0006_faithful_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "reader_words",
                    models.CharField(
                        help_text='What readers type, e.g. "sextortion". Stored in lower case.',
                        max_length=100,
                        unique=True,
                        verbose_name="reader's words",
                    ),
                ),
                (
                    "dossier_words",
                    models.CharField(
                        help_text='The words the dossier uses for it, e.g. "sexual extortion".',
                        max_length=200,
                        verbose_name="the dossier's words",
                    ),
                ),
            ],
            options={
                "ordering": ["reader_words"],
            },
        ),
        migrations.RunPython(add_first_synonym, migrations.RunPython.noop),
    ]
