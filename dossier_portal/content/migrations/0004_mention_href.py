from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dossier_portal", "0003_content_version")]

    operations = [
        migrations.AddField(
            model_name="mention",
            name="href",
            field=models.CharField(blank=True, max_length=500),
        ),
    ]
