"""For the migrations that add `edited_at`: each version's date of the last change by an editor,
read from the history (any change whose reason is not load_dossier's), so that unapplying and
applying them again gives back the same values."""

from dossier_portal.content.models import LOADED_FROM_DOSSIER


def edited_at_from_history(app_label: str, *model_names: str):
    """A RunPython function that sets edited_at on `model_names` and on their history."""

    def backfill(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            history = apps.get_model(app_label, f"Historical{name}")
            edited: dict[int, object] = {}
            for version in history.objects.order_by("history_date", "history_id"):
                reason = version.history_change_reason or ""
                if reason == LOADED_FROM_DOSSIER:
                    edited[version.id] = None
                elif not reason.startswith(LOADED_FROM_DOSSIER) and version.history_type != "-":
                    edited[version.id] = version.updated_at
                value = edited.get(version.id)
                if version.edited_at != value:
                    history.objects.filter(pk=version.pk).update(edited_at=value)
            for pk, value in edited.items():
                model.objects.filter(pk=pk).update(edited_at=value)

    return backfill
