"""Body and seat workflows: each checks who may, saves in one transaction with history (who and
why) and recomputes the permissions of the people concerned."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.concurrency import save_versioned
from samverkan.history import record_change

from .models import Body, Membership, NoticePreference, Person
from .notices import NOTICES
from .permissions import EDIT_BODY, holds, seat_refusal, sync_user_permissions


def _sync_people(*people):
    for person in {p for p in people if p is not None and p.user_id}:
        sync_user_permissions(person.user)


@transaction.atomic
def body_save(*, body, user, version):
    """Save an edit of a body's description (optimistic lock on ``version``)."""
    if not holds(user, EDIT_BODY, body):
        raise PermissionDenied
    return save_versioned(body, user=user, reason=_("Edited"), expected=version)


def _take_seats(membership):
    """Lock the body's row, so that the body's seat writes run one at a time (the overlap check
    in ``Membership.clean`` then sees the seat another request has just saved), and check that
    ``user`` may write the seat as stored and as it will be. Returns the stored seat (or None)."""
    Body.objects.select_for_update().filter(pk=membership.body_id).exists()
    if membership.pk is None:
        return None
    return Membership.objects.select_related("person", "body__parent").get(pk=membership.pk)


def _refuse_unless_allowed(user, membership, stored):
    refusal = seat_refusal(user, membership, stored)
    if refusal:
        raise PermissionDenied(refusal)


def _save_seat(membership, *, user, reason, version):
    """``save_versioned`` in a savepoint, the single-seat constraint's refusal as clean()'s."""
    try:
        with transaction.atomic():
            return save_versioned(membership, user=user, reason=reason, expected=version)
    except IntegrityError as error:
        if membership.role not in Membership.SINGLE_SEAT_ROLES:
            raise
        clash = membership.clashing_seat()
        raise ValidationError({"role": membership.second_seat_error(clash)}) from error


@transaction.atomic
def membership_save(*, membership, user, version=None, new_person=None):
    """Start or change a seat (optimistic lock on ``version`` for a change).

    ``new_person``: an unsaved person to create and seat (both or neither are saved). Refused
    (PermissionDenied, with the reason) when ``user`` may not set the seat: see
    ``permissions.seat_refusal``.
    """
    stored = _take_seats(membership)
    _refuse_unless_allowed(user, membership, stored)
    if new_person is not None and membership.person_id is None:
        new_person.full_clean()
        record_change(new_person, user, _("Added with a seat in %(body)s") % {"body": membership.body})
        new_person.save()
        membership.person = new_person
        membership.organisation = None  # the seat represents the new person's organisation
    reason = _("Seat changed") if stored else _("Seat added")
    _save_seat(membership, user=user, reason=reason, version=version)
    _sync_people(membership.person, stored.person if stored else None)
    return membership


@transaction.atomic
def membership_end(*, membership, user, end_date=None, version=None):
    """End a seat (it stays in the history); today if no date is given."""
    stored = _take_seats(membership)
    _refuse_unless_allowed(user, membership, stored)
    end_date = end_date or timezone.localdate()
    if end_date < membership.start_date:
        raise ValidationError(
            {"end_date": _("A membership cannot end before it starts.")}, code="ends_before_start"
        )
    membership.end_date = end_date
    _save_seat(membership, user=user, reason=_("Seat ended"), version=version)
    _sync_people(membership.person)
    return membership


@transaction.atomic
def membership_delete(*, membership, user):
    """Remove a seat entered by mistake (ending it is the normal way)."""
    stored = _take_seats(membership)
    _refuse_unless_allowed(user, stored, None)
    record_change(membership, user, _("Seat removed"))
    membership.delete()
    _sync_people(stored.person)


@transaction.atomic
def notice_preferences_save(*, person, user, choices):
    """Save how ``person`` wants each kind of notice ({kind: delivery}); only their own login may.
    A choice equal to the kind's default is stored as no row."""
    if getattr(user, "person", None) is None or user.person.pk != person.pk:
        raise PermissionDenied
    Person.objects.select_for_update().filter(pk=person.pk).exists()  # one save at a time per person
    for kind, delivery in choices.items():
        if delivery == NOTICES[kind].default:
            NoticePreference.objects.filter(person=person, kind=kind).delete()
        else:
            NoticePreference.objects.update_or_create(
                person=person, kind=kind, defaults={"delivery": delivery}
            )
