"""Membership workflows: each validates, saves in one transaction and recomputes permissions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.concurrency import save_versioned

from .permissions import EDIT_BODY, holds, sync_user_permissions


def _sync_people(*people):
    for person in {p for p in people if p is not None and p.user_id}:
        sync_user_permissions(person.user)


@transaction.atomic
def body_save(*, body, user, version):
    """Save an edit of a body's description (optimistic lock on ``version``)."""
    if not holds(user, EDIT_BODY, body):
        raise PermissionDenied
    return save_versioned(body, user=user, reason=_("Edited"), expected=version)


@transaction.atomic
def membership_save(*, membership, previous_person=None, new_person=None):
    """Start or change a seat. ``previous_person``: who held it before a change of holder;
    ``new_person``: an unsaved person to create and seat (both or neither are saved)."""
    if new_person is not None:
        new_person.full_clean()
        new_person.save()
        membership.person = membership.person or new_person
        membership.organisation = None  # the seat represents the new person's organisation
    membership.full_clean()
    membership.save()
    _sync_people(membership.person, previous_person)
    return membership


@transaction.atomic
def membership_end(*, membership, end_date=None):
    """End a seat (it stays in the history); today if no date is given."""
    end_date = end_date or timezone.localdate()
    if end_date < membership.start_date:
        raise ValidationError(
            {"end_date": _("A membership cannot end before it starts.")}, code="ends_before_start"
        )
    membership.end_date = end_date
    membership.full_clean()
    membership.save(update_fields=["end_date"])
    _sync_people(membership.person)
    return membership


@transaction.atomic
def membership_delete(*, membership):
    """Remove a seat entered by mistake (ending it is the normal way)."""
    person = membership.person
    membership.delete()
    _sync_people(person)
