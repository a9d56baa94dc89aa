import django.db.models.deletion
from dossier_portal.content.edited_history import edited_at_from_history
import dossier_portal.content.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_contents"),
        ("organisations", "0006_faithful_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="note",
            field=models.TextField(
                blank=True,
                help_text="The portal editors' note to readers, shown apart from the dossier's text: what the source text lacks here (announced parts, footnotes).",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="note",
            field=models.TextField(
                blank=True,
                help_text="The portal editors' note to readers, shown apart from the dossier's text: what the source text lacks here (announced parts, footnotes).",
            ),
        ),
        migrations.AddField(
            model_name="historicalkeyfigure",
            name="according_to",
            field=models.CharField(
                blank=True,
                help_text='Who reported it, as the dossier names them: "The Internet Watch Foundation".',
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="historicalkeyfigure",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalkeyfigure",
            name="paragraph",
            field=models.CharField(
                blank=True,
                help_text="The anchor of the paragraph it stands in ({: #name} after the paragraph); its link leads there.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="historicalkeyfigure",
            name="speaker",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The person quoted, when the figure is theirs (an interviewee's answer).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="organisations.person",
            ),
        ),
        migrations.AddField(
            model_name="historicalkeyfigure",
            name="subject",
            field=models.CharField(
                blank=True,
                help_text='Whose or of what, in the dossier\'s words, when the label does not say it (e.g. "Eurochild" for its members, "AI-generated CSAM" for "this type of material").',
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="historicalkeyfigure",
            name="when",
            field=models.CharField(
                blank=True, help_text='When, in the dossier\'s words: "2023".', max_length=100
            ),
        ),
        migrations.AddField(
            model_name="historicalkeyfigure",
            name="where",
            field=models.CharField(
                blank=True,
                help_text='Where, in the dossier\'s words: "In the EU alone".',
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="according_to",
            field=models.CharField(
                blank=True,
                help_text='Who reported it, as the dossier names them: "The Internet Watch Foundation".',
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="edited_at",
            field=dossier_portal.content.models.EditedAtField(
                blank=True, editable=False, help_text="When an editor last changed it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="paragraph",
            field=models.CharField(
                blank=True,
                help_text="The anchor of the paragraph it stands in ({: #name} after the paragraph); its link leads there.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="speaker",
            field=models.ForeignKey(
                blank=True,
                help_text="The person quoted, when the figure is theirs (an interviewee's answer).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="key_figures",
                to="organisations.person",
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="subject",
            field=models.CharField(
                blank=True,
                help_text='Whose or of what, in the dossier\'s words, when the label does not say it (e.g. "Eurochild" for its members, "AI-generated CSAM" for "this type of material").',
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="when",
            field=models.CharField(
                blank=True, help_text='When, in the dossier\'s words: "2023".', max_length=100
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="where",
            field=models.CharField(
                blank=True,
                help_text='Where, in the dossier\'s words: "In the EU alone".',
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(
                blank=True,
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.',
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="body",
            field=models.TextField(
                blank=True,
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.',
            ),
        ),
        migrations.AlterField(
            model_name="historicalinterviewanswer",
            name="body",
            field=models.TextField(
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.'
            ),
        ),
        migrations.AlterField(
            model_name="interviewanswer",
            name="body",
            field=models.TextField(
                help_text='Markdown: ## Section and ### Subsection headings, blank lines between paragraphs, *emphasis*, **strong**, [link text](https://example.org), lists with - or 1., tables with | pipes |, a box as a line !!! box "Title" followed by its text indented by four spaces, and a paragraph\'s anchor as a line {: #name} right after it (a key figure links there: keep it stable). Raw HTML is removed except for a small safe set.'
            ),
        ),
        migrations.RunPython(
            edited_at_from_history("articles", "Article", "KeyFigure"), migrations.RunPython.noop
        ),
    ]
