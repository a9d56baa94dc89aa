"""How a record's stable key (FixtureProvenance.key) is made: the values that named the record
when it was first derived, joined by "/", a related record standing by its key and a URL by a
short digest. fixtures/derive gives every fixture record its key this way, and the migrations
that gave existing databases their keys (…_stable_keys) rebuilt the same keys from the records,
taking a renamed record's first slug from the redirect its renaming left.

A key never changes once given: load_dossier matches records on it.
"""

import hashlib

from django.apps import apps as django_apps
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

KEY_FIELDS = {
    "organisations.organisation": ("slug",),
    "organisations.person": ("slug",),
    "organisations.organisationlink": ("organisation", "url"),
    "organisations.affiliation": ("person", "organisation", "role"),
    "organisations.helpresource": ("slug",),
    "timeline.measure": ("slug",),
    "timeline.milestone": ("measure", "slug"),
    "timeline.documentlink": ("measure", "url"),
    "articles.article": ("slug",),
    "articles.contribution": ("article", "person", "role"),
    "articles.interviewquestion": ("article", "anchor"),
    "articles.interviewanswer": ("question", "position"),
    "articles.source": ("article", "url"),
    "articles.keyfigure": ("slug",),
}
# Records whose slug is in their public URL: renaming one left a redirect from the old URL.
URL_NAMES = {
    "organisations.organisation": "organisations:detail",
    "organisations.person": "organisations:person",
    "timeline.measure": "timeline:measure",
    "articles.article": "articles:detail",
}


def key_of(model: str, fields: dict) -> str:
    """The key of a fixture record (`fields` as fixtures write them: a related record by its
    natural key, [its key])."""
    parts = []
    for name in KEY_FIELDS[model]:
        value = fields[name]
        if isinstance(value, list):
            (value,) = value
        parts.append(url_key(value) if name == "url" else str(value))
    return "/".join(parts)


def url_key(url: str) -> str:
    return "link-" + hashlib.sha256(url.encode()).hexdigest()[:12]


def give_keys(apps, app_label: str) -> None:
    """RunPython: give the app's records, and their history, the key derive would give them."""
    for label in KEY_FIELDS:
        if label.startswith(f"{app_label}."):
            _give_model_keys(apps, label)


def _give_model_keys(apps, label: str) -> None:
    model = apps.get_model(label)
    history = _simple_history(apps, model)
    taken = set()
    live = list(model._default_manager.all())
    deleted = (
        history.objects.exclude(id__in=[record.pk for record in live])
        .order_by("id", "-history_date")
        .distinct("id")
        if history
        else []
    )
    for record in [*live, *deleted]:
        key = _key_of_stored(apps, label, record)
        if key in taken:  # cannot happen with the dossier's records; keeps the key unique
            key = f"{key}-{record.id}"
        taken.add(key)
        model._default_manager.filter(pk=record.id).update(key=key)
        if history:
            history.objects.filter(id=record.id).update(key=key)


def _simple_history(apps, model):
    """django-simple-history's table of the model, in the migrations before history moved to
    django-reversion (content/revisions.py); None after."""
    try:
        return apps.get_model(model._meta.app_label, f"historical{model._meta.model_name}")
    except LookupError:
        return None


def first_key(record) -> str | None:
    """The key of a record being created in the admin: the one the migrations would rebuild
    from it, unless another record has it already (or its model has no such key)."""
    label = record._meta.label_lower
    if label not in KEY_FIELDS:
        return None
    key = _key_of_stored(django_apps, label, record)
    return None if type(record)._default_manager.filter(key=key).exists() else key


def _key_of_stored(apps, label: str, record) -> str:
    parts = []
    for name in KEY_FIELDS[label]:
        field = record._meta.get_field(name)
        value = getattr(record, field.attname)
        if field.is_relation:
            parts.append(_stored_key(apps, field.related_model._meta.label_lower, value))
        elif name == "url":
            parts.append(url_key(value))
        elif name == "slug" and label in URL_NAMES:
            parts.append(_first_slug(apps, URL_NAMES[label], value))
        else:
            parts.append(str(value))
    return "/".join(parts)


def _stored_key(apps, label: str, pk) -> str:
    """The key already given to a related record, live or deleted."""
    model = apps.get_model(label)
    history = _simple_history(apps, model)
    sources = [model._default_manager.filter(pk=pk)]
    if history:  # a deleted record's key, in the migrations (now only live records are named)
        sources.append(history.objects.filter(id=pk))
    for source in sources:
        key = source.values_list("key", flat=True).first()
        if key:
            return key
    return str(pk)


def _first_slug(apps, url_name: str, slug: str) -> str:
    """The slug the record had before its first renaming: the oldest redirect to its URL."""
    redirects = apps.get_model("redirects", "Redirect")._default_manager
    try:
        url = reverse(url_name, args=[slug])
    except NoReverseMatch:  # not a valid slug: full_clean refuses it
        return slug
    old_path = (
        redirects.filter(new_path=url).order_by("pk").values_list("old_path", flat=True).first()
    )
    if old_path is None:
        return slug
    try:
        return resolve(old_path).kwargs.get("slug", slug)
    except Resolver404:
        return slug
