"""The stored search vectors of searchable models, built by Postgres itself: a generated column
stays right whoever writes the row (admin, fixtures, a bulk update), with no signals to forget.

This module imports no app; the apps' models use it and dossier_portal.site.search queries them.
"""

from functools import reduce
from operator import add

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

# English stemming with accents ignored; created in dossier_portal's 0002 migration.
SEARCH_CONFIG = "english_unaccent"


def search_vector_field(*fields: tuple[str, str]) -> models.GeneratedField:
    """A tsvector of the given (field name, weight) pairs; weight "A" ranks highest."""
    vectors = (SearchVector(name, weight=weight, config=SEARCH_CONFIG) for name, weight in fields)
    vector = reduce(add, vectors)
    return models.GeneratedField(
        expression=vector, output_field=SearchVectorField(), db_persist=True, editable=False
    )


def search_index(name: str) -> GinIndex:
    return GinIndex(fields=["search_vector"], name=name)
