import django.db.models.deletion
from dossier_portal.content.edited_history import edited_at_from_history
import dossier_portal.content.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0006_stable_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmeasure",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalmeasure",
            name="status_is_reading",
            field=models.BooleanField(
                default=False,
                help_text="Tick when the dossier does not state the status outright: the page then says that the status is the portal's reading of the words shown beside it.",
                verbose_name="status is the portal's reading",
            ),
        ),
        migrations.AddField(
            model_name="historicalmilestone",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="measure",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="measure",
            name="recasts",
            field=models.ManyToManyField(
                blank=True,
                help_text="The act a proposal proposes to recast (revise); that act's page says it is being revised by this one.",
                related_name="recast_by",
                to="timeline.measure",
            ),
        ),
        migrations.AddField(
            model_name="measure",
            name="status_is_reading",
            field=models.BooleanField(
                default=False,
                help_text="Tick when the dossier does not state the status outright: the page then says that the status is the portal's reading of the words shown beside it.",
                verbose_name="status is the portal's reading",
            ),
        ),
        migrations.AddField(
            model_name="milestone",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AlterField(
            model_name="historicalmeasure",
            name="summary",
            field=models.TextField(
                blank=True,
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.',
            ),
        ),
        migrations.AlterField(
            model_name="measure",
            name="replaces",
            field=models.ManyToManyField(
                blank=True,
                help_text="What it replaces (an adopted act) or would replace (a proposal, as its title says): the pages say which, from the proposal's kind.",
                related_name="replaced_by",
                to="timeline.measure",
            ),
        ),
        migrations.AlterField(
            model_name="measure",
            name="summary",
            field=models.TextField(
                blank=True,
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.',
            ),
        ),
        migrations.CreateModel(
            name="HistoricalMeasure_recasts",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "from_measure",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="timeline.measure",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="timeline.historicalmeasure",
                    ),
                ),
                (
                    "to_measure",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="timeline.measure",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMeasure_recasts",
            },
            bases=(models.Model,),
        ),
        migrations.RunPython(
            edited_at_from_history("timeline", "Measure", "Milestone"), migrations.RunPython.noop
        ),
    ]
