"""Articles store their contents list when their body is rendered; existing rows get theirs
from their body (the anchors are the ones the stored HTML already has)."""

from django.db import migrations, models

from dossier_portal.content.markdown import render


def store_contents(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk", "body"):
        Article.objects.filter(pk=article.pk).update(contents=render(article.body).contents)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_stable_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="contents",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.RunPython(store_contents, migrations.RunPython.noop),
    ]
