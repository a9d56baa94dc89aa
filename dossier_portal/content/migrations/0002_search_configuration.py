"""What full-text search needs before any search vector exists: the pg_trgm and unaccent
extensions, and an English configuration that ignores accents. A generated column cannot call
unaccent() (it is not immutable); a text search configuration using it as a dictionary can."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE_CONFIGURATION = """
CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
DROP_CONFIGURATION = "DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent;"


class Migration(migrations.Migration):
    dependencies = [
        ("dossier_portal", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunSQL(CREATE_CONFIGURATION, DROP_CONFIGURATION),
    ]
