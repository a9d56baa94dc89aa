from dossier_portal.content.edited_history import edited_at_from_history
import importlib

import dossier_portal.content.models
from django.db import migrations, models

# What 0004 seeded: load_dossier now loads the help resources from fixtures/, each fact with its
# source in external_facts.json. A seeded record an editor never changed is removed here so the
# load puts the sourced one in its place; one an editor changed stays theirs.
SEED = importlib.import_module("organisations.migrations.0004_seed_help_resources").RESOURCES


def hand_seeded_resources_to_the_fixtures(apps, schema_editor):
    HelpResource = apps.get_model("organisations", "HelpResource")
    for fields in SEED:
        HelpResource.objects.filter(**fields, fixture_digest="", edited_at=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_stable_keys"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalorganisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("network", "Network"),
                    ("movement", "Movement"),
                    ("charity", "Charity"),
                    ("alliance", "Alliance"),
                    ("advocacy-group", "Advocacy group"),
                    ("ngo", "Non-governmental organisation"),
                    ("intergovernmental", "International organisation"),
                    ("eu-institution", "Agency"),
                    ("research", "Observatory"),
                    ("project", "Project"),
                    ("other", "Organisation"),
                ],
                default="other",
                max_length=30,
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("network", "Network"),
                    ("movement", "Movement"),
                    ("charity", "Charity"),
                    ("alliance", "Alliance"),
                    ("advocacy-group", "Advocacy group"),
                    ("ngo", "Non-governmental organisation"),
                    ("intergovernmental", "International organisation"),
                    ("eu-institution", "Agency"),
                    ("research", "Observatory"),
                    ("project", "Project"),
                    ("other", "Organisation"),
                ],
                default="other",
                max_length=30,
            ),
        ),
        migrations.AddField(
            model_name="helpresource",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="helpresource",
            name="source_title",
            field=models.CharField(
                blank=True, help_text="That page's own title, as the link's text.", max_length=200
            ),
        ),
        migrations.AddField(
            model_name="helpresource",
            name="url_label",
            field=models.CharField(
                blank=True, help_text="The service's name, as the link's text.", max_length=200
            ),
        ),
        migrations.AddField(
            model_name="historicalhelpresource",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalhelpresource",
            name="source_title",
            field=models.CharField(
                blank=True, help_text="That page's own title, as the link's text.", max_length=200
            ),
        ),
        migrations.AddField(
            model_name="historicalhelpresource",
            name="url_label",
            field=models.CharField(
                blank=True, help_text="The service's name, as the link's text.", max_length=200
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AlterField(
            model_name="helpresource",
            name="source_url",
            field=models.URLField(help_text="The service's own page that states these facts."),
        ),
        migrations.AlterField(
            model_name="historicalhelpresource",
            name="source_url",
            field=models.URLField(help_text="The service's own page that states these facts."),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="description",
            field=models.TextField(
                blank=True,
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.',
            ),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="bio",
            field=models.TextField(
                blank=True,
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.',
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="description",
            field=models.TextField(
                blank=True,
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.',
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="bio",
            field=models.TextField(
                blank=True,
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.',
            ),
        ),
        migrations.RunPython(
            edited_at_from_history("organisations", "Organisation", "Person", "HelpResource"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(hand_seeded_resources_to_the_fixtures, migrations.RunPython.noop),
    ]
