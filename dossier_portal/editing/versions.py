"""No lost update: a change form, and each row of its inlines, carries the version of the record
it was opened at (its latest history entry). Saving over a newer version is refused with who
changed the record, when and what, and the editor's input stays in the form to reconcile; the
form then carries the newer version, so saving again (after checking) goes through. A row that
another editor deleted meanwhile says so on the row."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.timezone import localtime
from simple_history.utils import get_history_manager_for_model

from dossier_portal.editing.history import author, changed_values

# Longer old and new values are named, not quoted, in the message (the history shows them).
QUOTED_MAX_CHARS = 80


def versions_of(record):
    """The record's history, newest first, or None for a model without history."""
    model = type(record)
    if record.pk is None or not hasattr(model._meta, "simple_history_manager_attribute"):
        return None
    return get_history_manager_for_model(model).filter(**{model._meta.pk.attname: record.pk})


def latest_version_id(record) -> int | None:
    versions = versions_of(record)
    if versions is None:
        return None
    return versions.order_by("-history_id").values_list("history_id", flat=True).first()


class VersionedForm(forms.ModelForm):
    """The base of every content change form and inline row (see the module's docstring)."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = latest_version_id(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_stale_row()
        opened = cleaned_data.get("opened_version")
        if opened is not None and self.instance.pk is not None:
            self._refuse_newer_version(opened)
        return cleaned_data

    def _refuse_stale_row(self) -> None:
        """A row deleted by another editor fails on its hidden id, which no page shows."""
        pk_name = self._meta.model._meta.pk.name
        if pk_name in self._errors and pk_name in self.fields:
            del self._errors[pk_name]
            self.deleted_meanwhile = True
            raise ValidationError(
                "Another editor deleted this row after you opened the page. Copy what you need "
                "from it, then reload the page to continue without it."
            )

    def _refuse_newer_version(self, opened: int) -> None:
        current = latest_version_id(self.instance)
        if current is None or current == opened:
            return
        versions = versions_of(self.instance)
        newest = versions.order_by("-history_id").first()
        older = versions.filter(history_id=opened).first()
        # From now on the form carries the newer version: saving again means "I have checked".
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = str(current)
        raise ValidationError(conflict_message(older, newest, type(self.instance)))


class VersionedInlineFormSet(forms.BaseInlineFormSet):
    """Names, above the inline, each row another editor deleted meanwhile: the admin lists a
    formset's rows beside the records that still exist, so such a row is not shown at all."""

    def clean(self):
        super().clean()
        deleted = [form for form in self.forms if getattr(form, "deleted_meanwhile", False)]
        if deleted:
            raise ValidationError(
                [
                    ValidationError(
                        "Row %(number)d (“%(row)s”) was deleted by another editor after you "
                        "opened the page; it is not shown below. Reload the page to continue "
                        "without it.",
                        params={"number": index + 1, "row": _posted_words(form)},
                    )
                    for index, form in enumerate(self.forms)
                    if form in deleted
                ]
            )


def _posted_words(form) -> str:
    """The row as the editor left it: its first posted text."""
    for name, field in form.fields.items():
        value = form.data.get(form.add_prefix(name), "")
        if isinstance(field, forms.CharField) and value.strip():
            return value.strip()[:QUOTED_MAX_CHARS]
    return "a row"


def conflict_message(older, newest, model) -> str:
    when = localtime(newest.history_date).strftime("%d %b %Y at %H:%M:%S")
    if newest.history_type == "-":
        return f"{author(newest)} deleted this record on {when}, after you opened the page."
    changes = changed_values(model, older, newest) if older is not None else []
    what = "; ".join(_in_words(*change) for change in changes)
    return (
        f"{author(newest)} changed this record on {when}, after you opened the page"
        f"{': ' + what if what else ''}. Your input is still in the form: check it against "
        "their change and save again to keep yours."
    )


def _in_words(label: str, old: str, new: str) -> str:
    """“Status: In negotiation → Adopted”, or “Summary: changed” for a long text."""
    if len(old) + len(new) > QUOTED_MAX_CHARS:
        return f"{label}: changed (see its history)"
    return f"{label}: “{old}” → “{new}”"
