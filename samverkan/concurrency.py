"""Optimistic locking for rows that people edit in the browser.

An editable model has a ``version`` integer. The form carries the version the editor saw;
the service claims the row with ``UPDATE ... WHERE id = %s AND version = %s``. Zero rows
updated means somebody else saved first: nothing is written and the editor is shown the
other person's values (``Conflict``, ``VersionedModelForm.show_conflict``).
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .history import record_change
from .years import DatesInRange


def claim(instance, expected=None, *, where=None, values=None):
    """Move ``instance``'s row on from version ``expected`` (default: the version read).

    ``UPDATE ... SET version = version + 1 [, values] WHERE id = %s AND version = %s [AND where]``:
    True when this caller got the row (``instance.version`` is then the new version), False when
    somebody else saved it first. Lifecycle moves pass the state as read in ``where`` and the new
    state in ``values``, so that of two concurrent moves exactly one happens.
    """
    expected = instance.version if expected is None else expected
    rows = type(instance)._default_manager.filter(pk=instance.pk, version=expected, **(where or {}))
    claimed = rows.update(version=F("version") + 1, **(values or {}))
    if claimed:
        instance.version = expected + 1
    return bool(claimed)


class Conflict(ValidationError):
    """Somebody else saved the row since the editor read it; ``current`` is their version."""

    def __init__(self, current):
        self.current = current
        super().__init__(_("Somebody else saved this while you were editing."), code="conflict")


def save_versioned(instance, *, user, reason, expected=None):
    """Write an edited row unless somebody saved it since version ``expected``: claim, validate,
    record who and why, save. Raises ``Conflict`` (nothing written) or ``ValidationError``.

    Call it inside the service's transaction, after the service's own checks.
    """
    if instance.pk and not claim(instance, expected):
        raise Conflict(type(instance)._default_manager.get(pk=instance.pk))
    instance.full_clean()
    record_change(instance, user, reason)
    instance.save()
    return instance


class VersionedModelForm(DatesInRange, forms.ModelForm):
    """A ModelForm carrying the version its editor saw; the service refuses a stale one."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True

    @property
    def seen_version(self):
        return self.cleaned_data.get("version")

    def show_conflict(self, current):
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


class SavedOnce:
    """Form mixin for forms that create something (an agenda item, a goal, a guest …): a hidden
    one-time key, new on every page, so that the same page sent twice creates one row.

    ``submit`` writes the key (``Submission``) in the transaction of the service it calls; the
    key of a page already saved is refused with ``AlreadySaved``. Two tabs are two pages: each
    creates its row. Without a key (an API client, an old page) nothing is checked.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:  # an edit is guarded by its version
            self.fields["submission"] = forms.UUIDField(
                widget=forms.HiddenInput, required=False, initial=uuid.uuid4
            )


class AlreadySaved(ValidationError):
    """This page's form was saved before (``SavedOnce``): nothing more was created."""

    def __init__(self):
        super().__init__(
            _("This form was already sent and saved once; it was not saved again."), code="already_saved"
        )


def _saved_once(form):
    """Write ``form``'s one-time key, inside the caller's transaction; ``AlreadySaved`` if it is
    there. A concurrent sender of the same key waits here until the first commits (or rolls back)."""
    from .models import Submission

    key = form.cleaned_data.get("submission") if isinstance(form, SavedOnce) else None
    if key is None:
        return
    try:
        with transaction.atomic():
            Submission.objects.create(key=key)
    except IntegrityError:
        raise AlreadySaved() from None


def purge_saved_forms(before):
    """Forget the keys of forms saved before ``before``: a page that old is not sent again by a
    double click. Returns how many were deleted."""
    from .models import Submission

    return Submission.objects.filter(saved_at__lt=before).delete()[0]


def submit(form, call):
    """Validate ``form``, then ``call()`` the service; put a conflict or a refusal on the form.

    Returns the service's result, or None when the form is invalid or the service refused (the
    form then carries the message and everything the user typed). ``call`` is a function of no
    arguments so that it can read ``form.cleaned_data``. A ``SavedOnce`` form's key is written in
    the same transaction as the service's work.
    """
    if not form.is_valid():
        return None
    try:
        with transaction.atomic():
            _saved_once(form)
            return call()
    except Conflict as conflict:
        form.show_conflict(conflict.current)
    except ValidationError as error:
        form.add_error(None, error)
    return None
