"""The permission matrix's table: one entry per URL name, how to address it in each object state,
what to POST, and the expected answer per actor, written as rules over the role map
(``governance.permissions.ROLE_PERMISSIONS``, read through ``matrix_world.permissions``).

Answers: an HTTP status (200, 403, 404, 405, 503 "being built"), ``LOGIN`` (a redirect to the login page),
``REDIRECT`` (any other redirect, for a GET), and for a POST ``CHANGED`` (answered below 400 and the
database changed: the action was allowed and done) or ``KEPT`` (answered below 400 and nothing
changed: a form shown again, or a refusal explained in a message). A tuple means "any of these".
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from governance import subscriptions
from governance.notices import NOTICES
from governance.permissions import (
    ADOPT_PLANS,
    APPROVE_MINUTES,
    EDIT_BODY,
    EDIT_PLANS,
    MANAGE_MEETINGS,
    PUBLISH_MINUTES,
    REVIEW_REPORT_SECTIONS,
    TAKE_STANCE,
    VIEW_INTERNAL,
    WRITE_REPORT_SECTION,
)

from .matrix_world import ACTORS, permissions

OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED, UNAVAILABLE = 200, 403, 404, 405, 503
LOGIN, REDIRECT, CHANGED, KEPT = "login", "redirect", "changed", "kept"
FOREIGN = "foreign"


def outcomes(expected):
    return expected if isinstance(expected, tuple) else (expected,)


def _resolve(value, state):
    return value(state) if callable(value) else value


@dataclass
class View:
    """How the matrix visits one URL name. ``url``/``data``: ``(world, state, actor) -> dict``;
    ``get``/``post``: an answer or a rule ``(actor, state) -> answer``."""

    family: str
    url: object
    get: object
    post: object
    states: tuple = ("-",)
    data: object = None
    query: str = ""
    htmx: bool = False
    queues_build: bool = False  # a read may queue a build (a write) when it answers 200 or 503
    fresh_client: bool = False  # the POST ends or changes the session: log in anew for each case
    # The answer when the address pairs a parent the actor may use with a child of another
    # parent (``FOREIGN``: another meeting's item, another plan's goal, another body's seat,
    # another year's section): the IDOR probe. None: the view has no such child.
    foreign: object = None
    name: str = field(default="", init=False)

    @property
    def all_states(self):
        return self.states + ((FOREIGN,) if self.foreign else ())

    def kwargs(self, world, state, actor):
        return self.url(world, state, actor)

    def payload(self, world, state, actor):
        return self.data(world, state, actor) if self.data else {}

    def expect(self, method, actor, state):
        rule = self.get if method == "GET" else self.post
        if state == FOREIGN and not (method == "GET" and rule is post_only):
            rule = self.foreign
        return rule(actor, state) if callable(rule) else rule


# --- Rules ----------------------------------------------------------------------------------------


def holder(codename, yes, *, no=FORBIDDEN, anonymous=LOGIN, body="nosam"):
    """``yes`` for holders of ``codename`` on ``body``; ``no`` for other logins."""

    def rule(actor, state):
        if actor == "anonymous":
            return anonymous
        return _resolve(yes if codename in permissions(actor, body) else no, state)

    return rule


def logged_in(yes):
    return lambda actor, state: LOGIN if actor == "anonymous" else _resolve(yes, state)


def post_only(actor, state):
    """A POST-only view asked with GET (the login check comes first)."""
    return LOGIN if actor == "anonymous" else NOT_ALLOWED


def in_states(states, yes=CHANGED, otherwise=KEPT):
    return lambda state: yes if state in states else otherwise


def meeting(codename, yes, *, login=True, public_states=("published",)):
    """A meeting page: drafts are internal (404 for the rest), then ``codename`` or 403."""

    def rule(actor, state):
        if login and actor == "anonymous":
            return LOGIN
        perms = permissions(actor, "nosam")
        if state not in public_states and VIEW_INTERNAL not in perms:
            return NOT_FOUND
        if codename and codename not in perms:
            return FORBIDDEN
        return _resolve(yes, state)

    return rule


def plan(codename, yes, *, login=True, public_states=("adopted",), no=FORBIDDEN):
    """An action-plan page: unadopted versions are internal (404), then ``codename`` or ``no``."""

    def rule(actor, state):
        if login and actor == "anonymous":
            return LOGIN
        perms = permissions(actor, "nosam")
        if state not in public_states and VIEW_INTERNAL not in perms:
            return NOT_FOUND
        if codename and codename not in perms:
            return _resolve(no, state)
        return _resolve(yes, state)

    return rule


def reviewer(yes, *, no=FORBIDDEN, anonymous=LOGIN):
    """Annual-report review: REVIEW_REPORT_SECTIONS on the adopting body (LGS)."""
    return holder(REVIEW_REPORT_SECTIONS, yes, no=no, anonymous=anonymous, body="lgs")


def section_reader(actor, state):
    if state == "adopted":
        return OK
    if actor == "anonymous":
        return NOT_FOUND
    may = {WRITE_REPORT_SECTION, VIEW_INTERNAL} & permissions(
        actor, "nosam"
    ) or REVIEW_REPORT_SECTIONS in permissions(actor, "lgs")
    return OK if may else FORBIDDEN


# --- Payloads -------------------------------------------------------------------------------------


def form_data(form, **changes):
    """An unbound form's fields as a browser would send them unchanged, with ``changes``."""
    data = {}
    for name, form_field in form.fields.items():
        value = form.get_initial_for_field(form_field, name)
        if value is None or value is False:
            continue
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, datetime.date | datetime.time):
            value = value.isoformat()
        if value is True:
            value = "on"
        data[form.add_prefix(name)] = value
    return data | changes


def _today():
    return timezone.localdate().isoformat()


# --- Addresses ------------------------------------------------------------------------------------


def nothing(world, state, actor):
    return {}


def nosam(world, state, actor):
    return {"slug": world.nosam.slug}


# The workflow's every state for its moves; for pages and edits, one state of each kind (open
# before the meeting, open after it, frozen, public).
MEETING_STATES = ("planned", "agenda_sent", "held", "drafted", "approved", "published")
MEETING_KINDS = ("planned", "held", "approved", "published")
PLAN_STATES = ("draft", "submitted", "adopted", "revision")
REPORT_STATES = ("requested", "submitted", "adopted")
EDITABLE_MEETING = ("planned", "agenda_sent", "held", "drafted")


def a_meeting(world, state, actor):
    return {"pk": world.meetings[state].pk}


def an_item(world, state, actor):
    return {"pk": world.meetings[state].pk, "item_pk": world.items[state].pk}


def a_decision(world, state, actor):
    return {"pk": world.decisions[state].pk}


def a_plan(world, state, actor):
    version = world.plans[state]
    kwargs = {"slug": world.nosam.slug, "period": version.period}
    if state == "revision":
        kwargs["revision"] = version.revision
    return kwargs


def a_goal(world, state, actor):
    return a_plan(world, state, actor) | {"pk": world.goals[state].pk}


def an_activity(world, state, actor):
    return a_plan(world, state, actor) | {"pk": world.activities[state].pk}


def a_report(world, state, actor):
    return {"year": world.reports[state].year}


def a_section(world, state, actor):
    return {"year": world.reports[state].year, "pk": world.sections[state].pk}


def a_seat(world, state, actor):
    return nosam(world, state, actor) | {"pk": _seat(world, state, actor).pk}


def _seat(world, state, actor):
    """The seat a seat case changes: another member's, the vice chair's, or the actor's own (the
    process leader's for actors without a seat on the NOSAM)."""
    if state == FOREIGN:
        return world.seats["other_member"]
    if state == "own_seat":
        own = world.seats.get(actor)
        return own if own and own.body_id == world.nosam.pk else world.seats["process_leader"]
    return world.seats["vice_chair" if state == "vice_chair_seat" else "member"]


# --- Payload builders -----------------------------------------------------------------------------


def _body_form(world, state, actor):
    from governance.forms import BodyForm

    return form_data(BodyForm(instance=world.nosam), name="NOSAM Testby ändrad")


def _new_seat(world, state, actor):
    from governance.models import Membership

    role = {"vice_chair_seat": Membership.Role.VICE_CHAIR, "own_seat": Membership.Role.CO_OPTED}.get(
        state, Membership.Role.MEMBER
    )
    # The vice chair's term ends in 2030 (matrix_world): a new vice chair may start after it.
    start = "2031-01-01" if state == "vice_chair_seat" else "2024-06-01"
    data = {"role": role.value, "start_date": start, "organisation": world.structure.town.pk}
    own = getattr(world.users.get(actor), "person", None) if state == "own_seat" else None
    if own is not None:
        return data | {"person": own.pk}
    return data | {"new_first_name": "Ny", "new_last_name": "Ledamot", "new_email": "ny@example.se"}


def _seat_change(world, state, actor):
    from governance.forms import MembershipForm

    seat = _seat(world, state, actor)
    form = MembershipForm(instance=seat, body=world.nosam, user=world.users["site_admin"])
    return form_data(form, note="Ändrad plats")


def _seat_end(world, state, actor):
    return {"end_date": "2024-12-31", "version": _seat(world, state, actor).version}


def _meeting_form(world, state, actor):
    from meetings.forms import MeetingForm

    return form_data(MeetingForm(instance=world.meetings[state]), title="Ändrat möte")


def _item_form(world, state, actor):
    from meetings.forms import ItemEditForm

    return form_data(
        ItemEditForm(instance=world.items[state], prefix="item"), **{"item-title": "Ändrad punkt"}
    )


def _attendance(world, state, actor):
    from meetings.forms import AttendanceForm
    from meetings.models import Attendance

    form = AttendanceForm(meeting=world.meetings[state])
    data = form_data(form)
    first = next(name for name in form.fields if name.startswith("person_"))
    return data | {first: Attendance.Status.EXCUSED.value}


def _minutes(world, state, actor):
    from meetings.forms import MinutesForm

    meeting_ = world.meetings[state]
    items = list(meeting_.items.order_by("position", "pk"))
    form = MinutesForm(None, meeting=meeting_, items=items)
    data = {}
    for part in form.forms:
        data |= form_data(part)
    return data | {f"item-{world.info_items[state].pk}-minutes": "Nytt protokollstext"}


def _correction(world, state, actor):
    return {
        "correction-item": world.info_items[state].pk,
        "correction-field": "minutes",
        "correction-after": "Rättad text",
        "correction-reason": "Fel i protokollet",
    }


def _guest(world, state, actor):
    return {
        "guest-first_name": "Gäst",
        "guest-last_name": "Gästsson",
        "guest-title": "Utvecklare",
        "guest-organisation": world.structure.town.pk,
        "guest-email": "gast@example.se",
    }


def _assignment(world, state, actor):
    prefix = f"as{world.decisions[state].pk}"
    return {f"{prefix}-what": "Nytt uppdrag", f"{prefix}-responsible_organisation": world.structure.town.pk}


def _stance(world, state, actor):
    prefix = f"d{world.decisions[state].pk}"
    return {f"{prefix}-position": "support", f"{prefix}-reason": "", "next": "/att-gora/"}


def _new_meeting(world, state, actor):
    return {
        "kind": "regular",
        "date": "2024-11-12",
        "start_time": "13:00",
        "end_time": "15:00",
        "mode": "physical",
        "title": "Nytt möte",
    }


def _new_plan(world, state, actor):
    return {"period": "2026", "collaboration_plan": world.cplan.pk, "introduction": "Ny plan"}


def _goal(world, state, actor):
    from actionplans.forms import GoalForm

    version = world.plans[state]
    form = GoalForm(instance=world.goals[state], plan=version, user=world.users["site_admin"])
    return form_data(form, text="Ändrat delmål")


def _new_goal(world, state, actor):
    return {"focus_area": world.focus.pk, "text": "Nytt delmål"}


def _activity(world, state, actor):
    from actionplans.forms import ActivityForm

    goal = world.goals[state]
    return form_data(ActivityForm(instance=world.activities[state], goal=goal), what="Ändrad aktivitet")


def _new_activity(world, state, actor):
    return {"what": "Ny aktivitet", "status": "planned"}


def _restore(world, state, actor):
    record = world.goals[state].history.order_by("history_id").first()
    return {"kind": "goal", "history_id": record.history_id}


def _section(world, state, actor):
    from reports.forms import SectionForm

    return form_data(SectionForm(instance=world.sections[state]), summary="Ny sammanfattning")


def _password_change(world, state, actor):
    return {
        "old_password": "pw-Samverkan-1",
        "new_password1": "Nytt-lösen-9876",
        "new_password2": "Nytt-lösen-9876",
    }


# --- The table ------------------------------------------------------------------------------------

PUBLIC = {"get": OK, "post": KEPT}
POST_ONLY = {"get": post_only}

SPEC = {
    # --- Site, accounts, language ------------------------------------------------------------------
    "home": View("site", nothing, **PUBLIC),
    "healthz": View("site", nothing, get=OK, post=NOT_ALLOWED),
    "sitemap": View("site", nothing, get=OK, post=NOT_ALLOWED),
    "sitemap_section": View(
        "site", lambda world, state, actor: {"section": "minutes"}, get=OK, post=NOT_ALLOWED
    ),
    "robots_txt": View("site", nothing, get=OK, post=NOT_ALLOWED),
    "security_txt": View("site", nothing, get=OK, post=NOT_ALLOWED),
    "favicon": View("site", nothing, get=REDIRECT, post=NOT_ALLOWED),
    "accessibility": View("site", nothing, get=OK, post=NOT_ALLOWED),
    "personal_data": View("site", nothing, get=OK, post=NOT_ALLOWED),
    "todo": View("site", nothing, get=logged_in(OK), post=logged_in(NOT_ALLOWED)),
    # A secret address: a wrong one is 404 for everyone (the right one: test_personal_calendar.py).
    "personal_calendar": View(
        "site", lambda w, s, a: {"token": "1-0123456789abcdef"}, get=NOT_FOUND, post=NOT_ALLOWED
    ),
    "login": View("accounts", nothing, **PUBLIC),
    "logout": View("accounts", nothing, get=NOT_ALLOWED, post=KEPT, fresh_client=True),
    "password_change": View(
        "accounts",
        nothing,
        get=logged_in(OK),
        post=logged_in(CHANGED),
        data=_password_change,
        fresh_client=True,
    ),
    "password_change_done": View("accounts", nothing, get=logged_in(OK), post=logged_in(NOT_ALLOWED)),
    "password_reset": View(
        "accounts", nothing, get=OK, post=KEPT, data=lambda w, s, a: {"email": "member@example.se"}
    ),
    "password_reset_done": View("accounts", nothing, get=OK, post=NOT_ALLOWED),
    "password_reset_confirm": View(
        "accounts", lambda w, s, a: {"uidb64": "MQ", "token": "set-password"}, **PUBLIC
    ),
    "password_reset_complete": View("accounts", nothing, get=OK, post=NOT_ALLOWED),
    "set_language": View(
        "site", nothing, get=REDIRECT, post=KEPT, data=lambda w, s, a: {"language": "sv", "next": "/"}
    ),
    # Django's admin: one entry (its index) stands for the site; the rest are excluded below.
    "admin:index": View(
        "admin",
        nothing,
        get=lambda actor, state: OK if actor == "site_admin" else REDIRECT,
        post=lambda actor, state: KEPT,
    ),
    # --- Governance ------------------------------------------------------------------------------
    "governance:organisation_chart": View("governance", nothing, **PUBLIC),
    "governance:body_detail": View("governance", nosam, **PUBLIC),
    "governance:organisation_detail": View(
        "governance", lambda w, s, a: {"slug": w.structure.town.slug}, **PUBLIC
    ),
    "governance:my_groups": View("governance", nothing, get=logged_in(OK), post=logged_in(KEPT)),
    "governance:calendar_renew": View("governance", nothing, **POST_ONLY, post=logged_in(CHANGED)),
    "governance:body_edit": View(
        "governance",
        nosam,
        get=holder(EDIT_BODY, OK),
        post=holder(EDIT_BODY, CHANGED),
        data=_body_form,
    ),
    # Nobody writes their own seat; chair, vice chair and process leader seats are set from the
    # body above (EDIT_BODY on LGS) or by a site administrator; the NOSAM's editors set the rest.
    "governance:membership_add": View(
        "seats",
        nosam,
        states=("member_seat", "vice_chair_seat", "own_seat"),
        get=lambda actor, state: _seat_manager(actor, OK),
        post=lambda actor, state: _new_seat_policy(actor, state),
        data=_new_seat,
    ),
    "governance:membership_edit": View(
        "seats",
        a_seat,
        states=("member_seat", "vice_chair_seat", "own_seat"),
        get=lambda actor, state: _seat_policy(actor, state, OK),
        post=lambda actor, state: _seat_policy(actor, state, CHANGED),
        data=_seat_change,
        foreign=lambda actor, state: _seat_manager(actor, NOT_FOUND),
    ),
    "governance:membership_end": View(
        "seats",
        a_seat,
        states=("member_seat", "vice_chair_seat", "own_seat"),
        get=lambda actor, state: _seat_policy(actor, state, OK),
        post=lambda actor, state: _seat_policy(actor, state, CHANGED),
        data=_seat_end,
        foreign=lambda actor, state: _seat_manager(actor, NOT_FOUND),
    ),
    # Notices: a person's own settings (a login without a person has none to set).
    "governance:notice_preferences": View(
        "governance",
        nothing,
        get=lambda actor, state: _with_person(actor, OK),
        post=lambda actor, state: _with_person(actor, CHANGED),
        data=lambda w, s, a: {kind: "digest" for kind in NOTICES},
    ),
    # Public subscriptions: anyone; asking stores nothing (the confirmation link carries it),
    # confirming stores the subscription, unsubscribing an address that has none changes nothing.
    "governance:subscribe_minutes": View(
        "subscriptions", nosam, **PUBLIC, data=lambda w, s, a: {"email": "visitor@example.se"}
    ),
    "governance:subscribe_report": View(
        "subscriptions", nothing, **PUBLIC, data=lambda w, s, a: {"email": "visitor@example.se"}
    ),
    "governance:subscription_confirm": View(
        "subscriptions",
        lambda w, s, a: {"token": subscriptions.confirm_token("visitor@example.se", "minutes", w.nosam)},
        get=OK,
        post=CHANGED,
    ),
    "governance:unsubscribe": View(
        "subscriptions",
        lambda w, s, a: {"token": subscriptions.unsubscribe_token("visitor@example.se", "minutes", w.nosam)},
        **PUBLIC,
    ),
    # --- Action plans ----------------------------------------------------------------------------
    # Follows the reader: a draft for those who work on it, else the adopted plan (a redirect).
    "actionplans:current_plan": View("plans", nosam, get=REDIRECT, post=NOT_ALLOWED),
    "actionplans:current_collaboration_plan": View("actionplans", nothing, get=REDIRECT, post=KEPT),
    "actionplans:collaboration_plan": View(
        "actionplans", lambda w, s, a: {"period": w.cplan.period}, **PUBLIC
    ),
    "actionplans:red_thread": View("actionplans", lambda w, s, a: {"period": w.cplan.period}, **PUBLIC),
    "actionplans:status_overview": View("actionplans", nothing, **PUBLIC),
    "actionplans:delegated_uptake": View(
        "actionplans", nosam, get=holder(VIEW_INTERNAL, OK), post=holder(VIEW_INTERNAL, KEPT)
    ),
    "actionplans:plan_create": View(
        "actionplans", nosam, get=holder(EDIT_PLANS, OK), post=holder(EDIT_PLANS, CHANGED), data=_new_plan
    ),
    "actionplans:plan_detail": View(
        "plan",
        a_plan,
        states=PLAN_STATES,
        get=plan(None, OK, login=False),
        post=plan(None, KEPT, login=False),
    ),
    "actionplans:plan_pdf": View(
        "plan", a_plan, states=PLAN_STATES, get=plan(None, OK, login=False), post=NOT_ALLOWED
    ),
    "actionplans:plan_xlsx": View(
        "plan",
        a_plan,
        states=PLAN_STATES,
        get=plan(None, OK, login=False),
        post=plan(None, KEPT, login=False),
    ),
    "actionplans:plan_history": View(
        "plan", a_plan, states=PLAN_STATES, get=plan(VIEW_INTERNAL, OK), post=plan(VIEW_INTERNAL, KEPT)
    ),
    "actionplans:history_restore": View(
        "plan",
        a_plan,
        states=PLAN_STATES,
        **POST_ONLY,
        post=plan(EDIT_PLANS, in_states(("draft", "revision"), CHANGED, FORBIDDEN)),
        data=_restore,
    ),
    # Confirmed moves: GET is the confirmation page (saying why not, in a state that forbids it).
    "actionplans:plan_submit": View(
        "plan",
        a_plan,
        states=PLAN_STATES,
        get=plan(EDIT_PLANS, OK),
        post=plan(EDIT_PLANS, in_states(("draft", "revision"))),
    ),
    "actionplans:plan_withdraw": View(
        "plan", a_plan, states=PLAN_STATES, **POST_ONLY, post=plan(EDIT_PLANS, in_states(("submitted",)))
    ),
    "actionplans:plan_adopt": View(
        "plan",
        a_plan,
        states=PLAN_STATES,
        get=plan(ADOPT_PLANS, OK),
        post=plan(ADOPT_PLANS, in_states(("submitted",))),
        data=lambda w, s, a: {"adopted_on": "2024-12-01"},
    ),
    "actionplans:plan_return": View(
        "plan", a_plan, states=PLAN_STATES, **POST_ONLY, post=plan(ADOPT_PLANS, in_states(("submitted",)))
    ),
    "actionplans:plan_revise": View(
        "plan", a_plan, states=PLAN_STATES, **POST_ONLY, post=plan(EDIT_PLANS, in_states(("adopted",)))
    ),
    **{
        f"actionplans:{name}": View(
            "plan",
            url,
            states=PLAN_STATES,
            get=plan(EDIT_PLANS, in_states(("draft", "revision"), OK, FORBIDDEN)),
            post=plan(EDIT_PLANS, in_states(("draft", "revision"), CHANGED if data else KEPT, FORBIDDEN)),
            data=data,
            foreign=plan(EDIT_PLANS, NOT_FOUND) if row else None,
        )
        for name, url, data, row in [
            ("plan_edit", a_plan, None, False),
            ("goal_add", a_plan, lambda w, s, a: _new_goal(w, s, a), False),
            ("goal_edit", a_goal, _goal, True),
            (
                "activity_add",
                lambda w, s, a: a_plan(w, s, a) | {"goal_pk": w.goals[s].pk},
                lambda w, s, a: _new_activity(w, s, a),
                True,
            ),
            ("activity_edit", an_activity, _activity, True),
        ]
    },
    **{
        f"actionplans:{name}": View(
            "plan",
            url,
            states=PLAN_STATES,
            **POST_ONLY,
            post=plan(EDIT_PLANS, in_states(("draft", "revision"), CHANGED, FORBIDDEN)),
            data=data,
            foreign=plan(EDIT_PLANS, NOT_FOUND),
        )
        for name, url, data in [
            ("goal_move", a_goal, lambda w, s, a: {"direction": "down"}),
            ("activity_move", an_activity, lambda w, s, a: {"direction": "down"}),
        ]
    },
    # Deletions: GET is the confirmation page.
    **{
        f"actionplans:{name}": View(
            "plan",
            url,
            states=PLAN_STATES,
            get=plan(EDIT_PLANS, in_states(("draft", "revision"), OK, FORBIDDEN)),
            post=plan(EDIT_PLANS, in_states(("draft", "revision"), CHANGED, FORBIDDEN)),
            foreign=plan(EDIT_PLANS, NOT_FOUND),
        )
        for name, url in [("goal_delete", a_goal), ("activity_delete", an_activity)]
    },
    "actionplans:followup_add": View(
        "plan",
        an_activity,
        states=PLAN_STATES,
        get=plan(EDIT_PLANS, OK),
        post=plan(EDIT_PLANS, CHANGED),
        data=lambda w, s, a: {"date": "2024-06-01", "status": "green", "text": "Går bra"},
        foreign=plan(EDIT_PLANS, NOT_FOUND),
    ),
    "actionplans:activity_status": View(
        "plan",
        an_activity,
        states=PLAN_STATES,
        **POST_ONLY,
        post=plan(EDIT_PLANS, CHANGED),
        data=lambda w, s, a: {"move": "start"},
        foreign=plan(EDIT_PLANS, NOT_FOUND),
    ),
    # --- Meetings --------------------------------------------------------------------------------
    "meetings:meeting_detail": View(
        "meeting",
        a_meeting,
        states=MEETING_KINDS,
        get=meeting(None, OK, login=False),
        post=meeting(None, KEPT, login=False),
    ),
    "meetings:meeting_pdf": View(
        "meeting",
        a_meeting,
        states=MEETING_KINDS,
        get=lambda actor, state: OK if state == "published" else NOT_FOUND,
        post=NOT_ALLOWED,
    ),
    "meetings:meeting_edit": View(
        "meeting",
        a_meeting,
        states=MEETING_KINDS,
        get=meeting(MANAGE_MEETINGS, OK),
        post=meeting(MANAGE_MEETINGS, in_states(EDITABLE_MEETING)),
        data=_meeting_form,
    ),
    "meetings:agenda": View(
        "meeting",
        a_meeting,
        states=MEETING_KINDS,
        get=meeting(MANAGE_MEETINGS, OK),
        post=meeting(MANAGE_MEETINGS, in_states(EDITABLE_MEETING)),
        data=lambda w, s, a: {"kind": "information", "title": "Ny punkt"},
    ),
    "meetings:item_edit": View(
        "meeting",
        an_item,
        foreign=meeting(MANAGE_MEETINGS, NOT_FOUND),
        states=MEETING_KINDS,
        get=meeting(MANAGE_MEETINGS, OK),
        post=meeting(MANAGE_MEETINGS, in_states(EDITABLE_MEETING)),
        data=_item_form,
    ),
    "meetings:item_move": View(
        "meeting",
        an_item,
        foreign=meeting(MANAGE_MEETINGS, NOT_FOUND),
        states=MEETING_KINDS,
        **POST_ONLY,
        post=meeting(MANAGE_MEETINGS, in_states(EDITABLE_MEETING)),
        data=lambda w, s, a: {"direction": "up"},
    ),
    "meetings:item_remove": View(
        "meeting",
        an_item,
        foreign=meeting(MANAGE_MEETINGS, NOT_FOUND),
        states=MEETING_KINDS,
        get=meeting(MANAGE_MEETINGS, OK),  # the confirmation page
        post=meeting(MANAGE_MEETINGS, in_states(("planned", "agenda_sent"))),
    ),
    "meetings:attachment": View(
        "attachment",
        lambda w, s, a: {
            "pk": (w.meetings["held"] if s == "draft" else w.meetings["published"]).pk,
            "attachment_pk": getattr(w, f"{s}_attachment").pk,
        },
        states=("public", "internal", "draft"),
        foreign=NOT_FOUND,
        get=lambda actor, state: _attachment(actor, state, OK),
        post=lambda actor, state: _attachment(actor, state, KEPT),
    ),
    "meetings:attendance": View(
        "meeting",
        a_meeting,
        states=MEETING_KINDS,
        get=meeting(MANAGE_MEETINGS, OK),
        post=meeting(MANAGE_MEETINGS, in_states(EDITABLE_MEETING)),
        data=_attendance,
    ),
    "meetings:minutes": View(
        "meeting",
        a_meeting,
        states=MEETING_KINDS,
        get=meeting(MANAGE_MEETINGS, OK),
        post=meeting(MANAGE_MEETINGS, in_states(EDITABLE_MEETING)),
        data=_minutes,
    ),
    "meetings:guest_add": View(
        "meeting",
        a_meeting,
        states=MEETING_KINDS,
        **POST_ONLY,
        post=meeting(MANAGE_MEETINGS, in_states(EDITABLE_MEETING)),
        data=_guest,
    ),
    "meetings:minutes_correct": View(
        "meeting",
        a_meeting,
        states=MEETING_KINDS,
        **POST_ONLY,
        post=meeting(MANAGE_MEETINGS, in_states(("published",))),
        data=_correction,
    ),
    "meetings:send_agenda": View(
        "meeting",
        a_meeting,
        states=MEETING_STATES,
        get=meeting(MANAGE_MEETINGS, OK),  # the confirmation page
        post=meeting(MANAGE_MEETINGS, in_states(("planned",))),
    ),
    "meetings:mark_held": View(
        "meeting",
        a_meeting,
        states=MEETING_STATES,
        **POST_ONLY,
        post=meeting(MANAGE_MEETINGS, in_states(("planned", "agenda_sent"))),
    ),
    "meetings:approve": View(
        "meeting",
        a_meeting,
        states=MEETING_STATES,
        get=meeting(APPROVE_MINUTES, OK),  # the confirmation page
        post=meeting(APPROVE_MINUTES, in_states(("drafted",))),
    ),
    "meetings:publish": View(
        "meeting",
        a_meeting,
        states=MEETING_STATES,
        get=meeting(PUBLISH_MINUTES, OK),  # the confirmation page
        post=meeting(PUBLISH_MINUTES, in_states(("approved",))),
    ),
    "meetings:stance": View(
        "meeting",
        a_decision,
        states=MEETING_STATES,
        get=meeting(TAKE_STANCE, OK),
        post=meeting(TAKE_STANCE, in_states(("planned", "agenda_sent", "held"))),
        data=_stance,
    ),
    "meetings:assignment_add": View(
        "meeting",
        a_decision,
        states=MEETING_KINDS,
        **POST_ONLY,
        post=meeting(MANAGE_MEETINGS, CHANGED),
        data=_assignment,
    ),
    "meetings:body_meetings": View("meetings", nosam, **PUBLIC),
    "meetings:meeting_create": View(
        "meetings",
        nosam,
        get=holder(MANAGE_MEETINGS, OK),
        post=holder(MANAGE_MEETINGS, CHANGED),
        data=_new_meeting,
    ),
    "meetings:assignments": View("meetings", nosam, **PUBLIC),
    "meetings:assignment_move": View(
        "assignment",
        lambda w, s, a: {
            "slug": w.nosam.slug,
            "pk": (w.assignment if s == "published" else w.draft_assignment).pk,
        },
        states=("published", "approved"),
        **POST_ONLY,
        post=holder(MANAGE_MEETINGS, CHANGED),
        data=lambda w, s, a: {"action": "start"},
    ),
    "meetings:review": View("meetings", nothing, get=REDIRECT, post=KEPT),  # to "Att göra"
    "meetings:archive": View("meetings", nothing, **PUBLIC),
    "meetings:archive_year": View("meetings", lambda w, s, a: {"slug": w.nosam.slug, "year": 2024}, **PUBLIC),
    "meetings:search": View("meetings", nothing, query="?q=beslut", **PUBLIC),
    "meetings:minutes_feed": View("meetings", nothing, **PUBLIC),
    "meetings:calendar_all": View("meetings", nothing, **PUBLIC),
    "meetings:calendar_body": View("meetings", nosam, **PUBLIC),
    # --- Annual reports --------------------------------------------------------------------------
    "reports:arshjul": View("reports", nothing, **PUBLIC),
    "reports:arshjul_ics": View("reports", nothing, **PUBLIC),
    "reports:latest_report": View("reports", nothing, get=REDIRECT, post=KEPT),
    "reports:report_detail": View(
        "report",
        a_report,
        states=REPORT_STATES,
        get=lambda actor, state: _report_participant(actor, state, OK),
        post=lambda actor, state: _report_participant(actor, state, KEPT),
    ),
    "reports:report_pdf": View(
        "report",
        a_report,
        states=REPORT_STATES,
        # A missing PDF is queued (a write) and answered 503 "being built": the build runs after
        # the commit, which never comes inside the matrix's savepoints.
        queues_build=True,
        get=lambda actor, state: _report_reader(actor, state, UNAVAILABLE),
        post=lambda actor, state: _report_reader(actor, state, UNAVAILABLE),
    ),
    "reports:report_adopt": View(
        "report",
        a_report,
        states=REPORT_STATES + ("ready",),
        get=reviewer(OK),  # the confirmation page
        post=reviewer(in_states(("ready",))),
        data=lambda w, s, a: {"adopted_on": "2025-03-01"},
    ),
    "reports:report_rebuild_pdf": View(
        "report", a_report, states=REPORT_STATES, **POST_ONLY, post=reviewer(CHANGED)
    ),
    "reports:section_detail": View(
        "report",
        a_section,
        foreign=NOT_FOUND,
        states=REPORT_STATES,
        get=section_reader,
        post=lambda actor, state: (
            KEPT if section_reader(actor, state) == OK else section_reader(actor, state)
        ),
    ),
    "reports:section_edit": View(
        "report",
        a_section,
        foreign=logged_in(NOT_FOUND),
        states=REPORT_STATES,
        get=holder(WRITE_REPORT_SECTION, in_states(("requested",), OK, REDIRECT)),
        post=holder(WRITE_REPORT_SECTION, in_states(("requested",))),
        data=_section,
    ),
    "reports:section_preview_pdf": View(
        "report",
        a_section,
        foreign=logged_in(NOT_FOUND),
        states=REPORT_STATES,
        get=lambda actor, state: _writer_or_reviewer(actor, OK),
        post=lambda actor, state: _writer_or_reviewer(actor, KEPT),
    ),
    "reports:section_review": View(
        "report",
        a_section,
        foreign=logged_in(NOT_FOUND),
        states=REPORT_STATES,
        **POST_ONLY,
        post=reviewer(in_states(("submitted",))),
        data=lambda w, s, a: {"decision": "accept"},
    ),
    "reports:section_withdraw": View(
        "report",
        a_section,
        foreign=logged_in(NOT_FOUND),
        states=REPORT_STATES,
        **POST_ONLY,
        post=holder(WRITE_REPORT_SECTION, in_states(("submitted",))),
    ),
    "reports:section_not_applicable": View(
        "report",
        a_section,
        foreign=logged_in(NOT_FOUND),
        states=REPORT_STATES,
        **POST_ONLY,
        post=reviewer(in_states(("requested", "submitted"))),
        data=lambda w, s, a: {"mark": "1"},
    ),
}

# Django's admin site is Django's own code behind ``is_staff``: ``admin:index`` stands for it.
EXCLUDED_PREFIXES = {"admin:": "Django's admin site: admin:index stands for it (staff only)"}


def _with_person(actor, yes):
    """Logins linked to a person (every seated actor) get ``yes``; the others 403."""
    if actor == "anonymous":
        return LOGIN
    return yes if ACTORS[actor] else FORBIDDEN


def _seat_manager(actor, yes):
    """Those who may set some seat of the NOSAM (its editors, the body above, a site
    administrator) get ``yes``; other logins 403."""
    if actor == "anonymous":
        return LOGIN
    managers = actor == "site_admin" or EDIT_BODY in permissions(actor, "nosam") | permissions(actor, "lgs")
    return yes if managers else FORBIDDEN


def _sets_from_above(actor):
    return actor == "site_admin" or EDIT_BODY in permissions(actor, "lgs")


def _seat_policy(actor, state, yes):
    """Changing or ending a stored seat: a member's by the NOSAM's editors or from above; the vice
    chair's only from above; one's own by nobody (actors without a seat on the NOSAM are given
    the process leader's, which is set from above)."""
    if actor == "anonymous":
        return LOGIN
    if state == "member_seat":
        return _seat_manager(actor, yes)
    if state == "own_seat" and ACTORS[actor] is not None and ACTORS[actor][0] == "nosam":
        return FORBIDDEN
    return yes if _sets_from_above(actor) else FORBIDDEN


def _new_seat_policy(actor, state):
    """Adding a seat: a member by any seat manager; a vice chair only from above (the NOSAM's
    editors are not offered the role: the form answers with an error); oneself by nobody."""
    if actor == "anonymous":
        return LOGIN
    if _seat_manager(actor, CHANGED) != CHANGED:
        return FORBIDDEN
    if state == "vice_chair_seat" and not _sets_from_above(actor):
        return KEPT
    if state == "own_seat" and ACTORS[actor] is not None:
        return KEPT
    return CHANGED


def _report_reader(actor, state, yes):
    """An adopted report is public; one being collected is for its reviewers (404 for the rest)."""
    if state == "adopted":
        return yes
    return reviewer(yes, no=NOT_FOUND, anonymous=NOT_FOUND)(actor, state)


def _report_participant(actor, state, yes):
    """A report being collected is also read by those who take part in it: who sits in the
    adopting body (LGS) or writes one of its sections (the NOSAM's and LGS's)."""
    if state == "adopted":
        return yes
    if actor == "anonymous":
        return NOT_FOUND
    takes_part = VIEW_INTERNAL in permissions(actor, "lgs") or any(
        WRITE_REPORT_SECTION in permissions(actor, body) for body in ("nosam", "lgs")
    )
    return yes if takes_part else NOT_FOUND


def _attachment(actor, state, yes):
    perms = permissions(actor, "nosam")
    if VIEW_INTERNAL in perms or state == "public":
        return yes
    return NOT_FOUND


def _writer_or_reviewer(actor, yes):
    if actor == "anonymous":
        return LOGIN
    if WRITE_REPORT_SECTION in permissions(actor, "nosam") or REVIEW_REPORT_SECTIONS in permissions(
        actor, "lgs"
    ):
        return yes
    return FORBIDDEN


for _name, _view in SPEC.items():
    _view.name = _name
