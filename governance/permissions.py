"""The one place where a membership's role becomes object permissions on its body.

Permissions are stored with django-guardian (direct foreign-key model
``BodyUserObjectPermission``) and recomputed from a person's current memberships by
``sync_user_permissions``; the membership workflows in ``services.py`` call it, and a daily
Celery task catches seats that start or end with the calendar.
"""

from django.contrib.auth.models import Permission
from django.db import transaction

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

CHECKER_ATTRIBUTE = "_body_permission_checker"  # see body_permissions


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


def body_permissions(user, body):
    """The codenames ``user`` holds on ``body`` (anonymous visitors hold none).

    One guardian checker lives on the user object, so a page that asks the lifecycles about
    many rows of one body reads that body's permissions once per request;
    ``sync_user_permissions`` drops it when the grants change.
    """
    if not user.is_authenticated or not user.is_active:
        return set()
    from guardian.core import ObjectPermissionChecker

    checker = getattr(user, CHECKER_ATTRIBUTE, None)
    if checker is None:
        checker = ObjectPermissionChecker(user)
        setattr(user, CHECKER_ATTRIBUTE, checker)
    return set(checker.get_perms(body))
