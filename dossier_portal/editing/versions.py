"""No lost update: a change form, and each row of its inlines, carries the version of the record
it was opened at (its latest version). Saving over a newer version is refused with who
changed the record, when and what, and the editor's input stays in the form to reconcile; the
form then carries the newer version, so saving again (after checking) goes through. A row that
another editor deleted meanwhile says so on the row."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.timezone import localtime
from reversion import is_registered

from dossier_portal.content.revisions import DELETED
from dossier_portal.editing.history import author, changed_values, versions_of

# Longer old and new values are named, not quoted, in the message (the history shows them).
QUOTED_MAX_CHARS = 80


def latest_version(record):
    """The record's latest version, or None (a new record, or one no revision holds yet)."""
    if record.pk is None or not is_registered(type(record)):
        return None
    return versions_of(record).first()


def latest_version_id(record) -> int | None:
    latest = latest_version(record)
    return latest.pk if latest else None


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
        newest = latest_version(self.instance)
        if newest is None or newest.pk == opened:
            return
        older = versions_of(self.instance).filter(pk=opened).first()
        changes = changed_values(type(self.instance), older, newest) if older else None
        if changes == []:
            return  # saved again with its parts, but nothing of this record changed
        # From now on the form carries the newer version: saving again means "I have checked".
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = str(newest.pk)
        raise ValidationError(conflict_message(newest.revision, changes or []))


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


def conflict_message(revision, changes) -> str:
    when = localtime(revision.date_created).strftime("%d %b %Y at %H:%M:%S")
    if revision.comment == DELETED:
        return f"{author(revision)} deleted this record on {when}, after you opened the page."
    what = "; ".join(_in_words(*change) for change in changes)
    return (
        f"{author(revision)} changed this record on {when}, after you opened the page"
        f"{': ' + what if what else ''}. Your input is still in the form: check it against "
        "their change and save again to keep yours."
    )


def _in_words(label: str, old: str, new: str) -> str:
    """“Status: In negotiation → Adopted”, or “Summary: changed” for a long text."""
    if len(old) + len(new) > QUOTED_MAX_CHARS:
        return f"{label}: changed (see its history)"
    return f"{label}: “{old}” → “{new}”"
