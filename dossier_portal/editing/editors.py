"""The "Editors" group: exactly the permissions editing the dossier needs, and no more.

Editors add, change and delete the content and see where old addresses redirect. They do not
manage accounts, groups, sites or redirects. The group is brought up to date after every
`migrate` (see apps.py), so a new content model only needs a line here.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITORS_GROUP = "Editors"

# app label → models editors add, change, delete and view.
EDITABLE_MODELS = {
    "timeline": ("measure", "milestone", "documentlink"),
    "organisations": (
        "organisation",
        "organisationlink",
        "person",
        "affiliation",
        "helpresource",
        "searchsynonym",
    ),
    "articles": (
        "article",
        "contribution",
        "source",
        "keyfigure",
        "interviewquestion",
        "interviewanswer",
    ),
}
# app label → models editors only look at.
VIEWABLE_MODELS = {"redirects": ("redirect",)}

ACTIONS = ("add", "change", "delete", "view")


def editor_permission_codenames() -> set[tuple[str, str]]:
    """(app label, codename) of every permission the group holds."""
    editable = {
        (app, f"{action}_{model}")
        for app, models in EDITABLE_MODELS.items()
        for model in models
        for action in ACTIONS
    }
    viewable = {
        (app, f"view_{model}") for app, models in VIEWABLE_MODELS.items() for model in models
    }
    return editable | viewable


def sync_editors_group(apps_registry, using: str = "default") -> Group:
    """Create the group if needed and give it exactly the editor permissions."""
    for app_label in {*EDITABLE_MODELS, *VIEWABLE_MODELS}:
        # Permissions are made after migrate, app by app; ours may not exist yet.
        create_permissions(apps_registry.get_app_config(app_label), verbosity=0, using=using)
    wanted = Q(pk__in=[])
    for app_label, codename in editor_permission_codenames():
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    group.permissions.set(Permission.objects.using(using).filter(wanted))
    return group
