"""Small related lists fetched inside a page's main query, as lists of dicts (Postgres builds
them with ARRAY(SELECT json_build_object(...))). A page then costs the same number of queries
however many lists it shows and however long they are: see the query budget in the tests."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models.functions import JSONObject


def as_json_list(queryset, *fields: str, **renamed):
    """`queryset`'s rows, in its order, as dicts of `fields` (and of `renamed` new=path)."""
    return ArraySubquery(
        queryset.values(json=JSONObject(**{field: field for field in fields}, **renamed))
    )
