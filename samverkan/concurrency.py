"""Optimistic locking for rows that people edit in the browser.

An editable model has a ``version`` integer. The form carries the version the editor saw;
the save claims the row with ``UPDATE ... WHERE id = %s AND version = %s``. Zero rows
updated means somebody else saved first: nothing is written and the editor is shown the
other person's values.
"""

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def claim(instance, expected=None):
    """Move ``instance``'s row on from version ``expected`` (default: the version read).

    ``UPDATE ... SET version = version + 1 WHERE id = %s AND version = %s``: True when this
    caller got the row (``instance.version`` is then the new version), False when somebody else
    saved it first.
    """
    expected = instance.version if expected is None else expected
    claimed = type(instance).objects.filter(pk=instance.pk, version=expected).update(version=F("version") + 1)
    if claimed:
        instance.version = expected + 1
    return bool(claimed)


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that refuses to overwrite a concurrent change."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def save(self, commit=True):
        """Save, or add a conflict error and return None when the row has moved on."""
        assert commit, "versioned forms save directly"
        with transaction.atomic():
            if self.instance.pk and not claim(self.instance, self.cleaned_data["version"]):
                self._add_conflict_error(type(self.instance).objects.get(pk=self.instance.pk))
                return None
            return super().save(commit=True)

    def _add_conflict_error(self, current):
        last = current.history.select_related("history_user").first()
        user = last.history_user if last else None
        who = (user.get_full_name() or user.get_username()) if user else _("Someone else")
        self.add_error(
            None,
            _(
                "%(who)s saved this while you were editing. Nothing of yours was saved: "
                "compare with the current values below, then save again."
            )
            % {"who": who},
        )
        for field in self._conflicting_fields(current):
            value = field.value_from_object(current)
            shown = getattr(current, field.name) if field.is_relation else value
            if field.choices:
                shown = getattr(current, f"get_{field.name}_display")()
            self.add_error(
                None, f"{capfirst(field.verbose_name)}: {shown if shown not in (None, '') else '–'}"
            )
        # Saving again now means "I have seen their change": compare against it.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version

    def _conflicting_fields(self, current):
        """Fields where the saved row differs from what this editor submitted."""
        for name in self._meta.fields:
            field = current._meta.get_field(name)
            submitted = self.cleaned_data.get(name)
            if hasattr(submitted, "pk"):
                submitted = submitted.pk
            if field.value_from_object(current) != submitted:
                yield field
