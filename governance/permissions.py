"""The one place where a membership's role becomes object permissions on its body.

Permissions are stored with django-guardian (direct foreign-key model
``BodyUserObjectPermission``) and recomputed from a person's current memberships by
``sync_user_permissions``; the membership workflows in ``services.py`` call it, and a daily
Celery task catches seats that start or end with the calendar.
"""

from collections import defaultdict

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _

from .models import Body, BodyUserObjectPermission, Membership

Role = Membership.Role

VIEW_INTERNAL = "view_internal"
EDIT_BODY = "edit_body"
EDIT_PLANS = "edit_plans"
ADOPT_PLANS = "adopt_plans"
MANAGE_MEETINGS = "manage_meetings"
APPROVE_MINUTES = "approve_minutes"
PUBLISH_MINUTES = "publish_minutes"
TAKE_STANCE = "take_stance"
WRITE_REPORT_SECTION = "write_report_section"
REVIEW_REPORT_SECTIONS = "review_report_sections"

ROLE_PERMISSIONS = {
    Role.CHAIR: {
        VIEW_INTERNAL,
        EDIT_BODY,
        EDIT_PLANS,
        MANAGE_MEETINGS,
        APPROVE_MINUTES,
        TAKE_STANCE,
        WRITE_REPORT_SECTION,
    },
    Role.VICE_CHAIR: {VIEW_INTERNAL, APPROVE_MINUTES, TAKE_STANCE},
    Role.MEMBER: {VIEW_INTERNAL, TAKE_STANCE},
    Role.PROCESS_LEADER: {
        VIEW_INTERNAL,
        EDIT_BODY,
        EDIT_PLANS,
        ADOPT_PLANS,
        MANAGE_MEETINGS,
        PUBLISH_MINUTES,
        WRITE_REPORT_SECTION,
        REVIEW_REPORT_SECTIONS,
    },
    Role.CO_OPTED: {VIEW_INTERNAL},
    Role.SUBSTITUTE: {VIEW_INTERNAL},
    Role.COMMUNICATOR: {VIEW_INTERNAL, PUBLISH_MINUTES},
}

ALL_BODY_PERMISSIONS = set().union(*ROLE_PERMISSIONS.values())

CHECKER_ATTRIBUTE = "_body_permissions"  # see body_permissions


def permissions_for_role(role):
    return ROLE_PERMISSIONS[Role(role)]


def desired_permissions(person, on=None):
    """{(body_id, codename)} that ``person``'s current memberships grant."""
    seats = Membership.objects.current(on).filter(person=person).values_list("body_id", "role")
    return {(body_id, codename) for body_id, role in seats for codename in ROLE_PERMISSIONS[role]}


@transaction.atomic
def sync_user_permissions(user, on=None):
    """Make ``user``'s body permissions exactly what their current memberships grant.

    Returns the number of permissions added and removed.
    """
    person = getattr(user, "person", None)
    wanted = desired_permissions(person, on) if person else set()
    existing = {
        (row.content_object_id, row.permission.codename): row
        for row in BodyUserObjectPermission.objects.filter(user=user).select_related("permission")
    }
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    missing = wanted - existing.keys()
    if stale:
        BodyUserObjectPermission.objects.filter(pk__in=stale).delete()
    if missing:
        perms = {
            p.codename: p
            for p in Permission.objects.filter(
                content_type__app_label=Body._meta.app_label,
                content_type__model=Body._meta.model_name,
                codename__in={codename for _, codename in missing},
            )
        }
        BodyUserObjectPermission.objects.bulk_create(
            BodyUserObjectPermission(user=user, content_object_id=body_id, permission=perms[codename])
            for body_id, codename in missing
        )
    if hasattr(user, CHECKER_ATTRIBUTE):
        delattr(user, CHECKER_ATTRIBUTE)
    return len(missing) + len(stale)


def sync_all_permissions(on=None):
    """Recompute everyone with a login; returns how many permissions changed."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).select_related("person")
    return sum(sync_user_permissions(user, on) for user in users)


def holds(user, codename, body):
    """Whether ``user`` holds ``codename`` on ``body``: the lifecycles' permission check."""
    return codename in body_permissions(user, body)


def bodies_where(user, codename):
    """The bodies on which ``user`` holds ``codename`` (all for site administrators), as a
    queryset for filters: e.g. the plans whose drafts a form may offer."""
    if is_site_admin(user):
        return Body.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    granted = BodyUserObjectPermission.objects.filter(user=user, permission__codename=codename)
    return Body.objects.filter(pk__in=granted.values("content_object_id"))


def seat_bodies(user, codename):
    """The bodies where ``user``'s own seats grant ``codename``, as a queryset for filters.

    Unlike ``bodies_where`` a site administrator gets only their seats' bodies: what waits for a
    person (the to-do list, the personal calendar) is the work of their seats, not everything
    an administrator could do.
    """
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    granted = BodyUserObjectPermission.objects.filter(user=user, permission__codename=codename)
    return Body.objects.filter(pk__in=granted.values("content_object_id"))


def body_permissions(user, body):
    """The codenames ``user`` holds on ``body`` (anonymous visitors hold none).

    One query per request reads all of the user's body permissions (a person sits in a few
    bodies), kept on the user object, so a page that asks the lifecycles about many rows and
    bodies reads them once; ``sync_user_permissions`` drops them when the grants change. Seats
    grant only the direct foreign-key rows that ``sync_user_permissions`` writes (no group
    permissions); site administrators hold every permission on every body, as with guardian.
    """
    if not user.is_authenticated or not user.is_active:
        return set()
    granted = getattr(user, CHECKER_ATTRIBUTE, None)
    if granted is None:
        if user.is_superuser:
            everything = set(
                Permission.objects.filter(
                    content_type__app_label=Body._meta.app_label, content_type__model=Body._meta.model_name
                ).values_list("codename", flat=True)
            )
            granted = defaultdict(lambda: everything)
        else:
            granted = defaultdict(set)
            rows = BodyUserObjectPermission.objects.filter(user=user).values_list(
                "content_object_id", "permission__codename"
            )
            for body_id, codename in rows:
                granted[body_id].add(codename)
        setattr(user, CHECKER_ATTRIBUTE, granted)
    return set(granted[body.pk])


# --- Who may set a seat ------------------------------------------------------------------------
#
# Seats are rights, so nobody writes their own seat, and a seat that may approve the body's work
# (minutes, plans) or manage the body's seats is set from above: by those who manage the seats
# of the body it reports to, or by a site administrator. The body's own editors set the other
# seats. Everything that writes or offers a seat asks ``seat_refusal`` / ``seat_roles``.

# What a seat set from above carries: approval (minutes, plans) and the management of seats.
RIGHTS_SET_FROM_ABOVE = frozenset({APPROVE_MINUTES, ADOPT_PLANS, EDIT_BODY})

# Chair, vice chair and process leader (read from the role map, not listed by hand).
ROLES_SET_FROM_ABOVE = frozenset(
    role for role, granted in ROLE_PERMISSIONS.items() if granted & RIGHTS_SET_FROM_ABOVE
)


def is_site_admin(user):
    return user.is_authenticated and user.is_active and user.is_superuser


def person_id_of(user):
    """The id of the person ``user`` logs in as, or None (anonymous, or a login without a person)."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.pk if person is not None else None


def seat_roles(user, body):
    """The roles of seats in ``body`` that ``user`` may set (add, change, end, remove).

    Site administrators and the editors of the body above: every role. The body's own editors:
    the roles that carry neither approval nor the management of seats. Others: none.
    """
    if is_site_admin(user) or (body.parent_id and holds(user, EDIT_BODY, body.parent)):
        return set(Role)
    if holds(user, EDIT_BODY, body):
        return set(Role) - ROLES_SET_FROM_ABOVE
    return set()


def seat_refusal(user, seat, previous=None):
    """Why ``user`` may not write ``seat`` (``previous``: the same seat as stored before this
    change), or None when they may. A change of role or of holder needs the right to both the
    seat as it was and as it will be.
    """
    allowed = seat_roles(user, seat.body)
    if not allowed:
        return no_seats_message(seat.body)
    versions = [version for version in (previous, seat) if version is not None]
    own = person_id_of(user)
    if own is not None and any(version.person_id == own for version in versions):
        return _(
            "You cannot add, change, end or remove your own seat: nobody grants rights to "
            "themself. Ask someone else who manages the group's seats."
        )
    for version in versions:
        if version.role not in allowed:
            return seat_from_above_message(seat.body, version.role)
    return None


def no_seats_message(body):
    return _("You may not manage the seats of %(body)s.") % {"body": body}


def seat_from_above_message(body, role):
    role = Role(role).label.lower()
    if body.parent_id:
        return _(
            "A %(role)s of %(body)s is appointed by %(above)s or the portal's administrator, "
            "not by the group itself."
        ) % {"role": role, "body": body.display_name, "above": body.parent.display_name}
    return _("A %(role)s of %(body)s is appointed by the portal's administrator.") % {
        "role": role,
        "body": body.display_name,
    }


def seat_roles_help(user, body):
    """What the seat form says about the roles it leaves out, or "" when it offers every role."""
    withheld = [role for role in Role if role in ROLES_SET_FROM_ABOVE - seat_roles(user, body)]
    if not withheld:
        return ""
    roles = capfirst(get_text_list([str(role.label).lower() for role in withheld], _("and")))
    if body.parent_id:
        return _("%(roles)s are appointed by %(above)s or the portal's administrator.") % {
            "roles": roles,
            "above": body.parent.display_name,
        }
    return _("%(roles)s are appointed by the portal's administrator.") % {"roles": roles}


def may_write_seat(user, seat):
    """Whether ``user`` may change, end or remove ``seat`` as stored: the template predicate."""
    return seat_refusal(user, seat) is None
