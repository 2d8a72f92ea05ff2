"""E-mail notices to the people who act next, and the one table that says who gets what.

Every workflow that hands work to somebody calls ``notify(kind, …)`` inside its transaction. The
table ``NOTICES`` declares each kind once: what triggers it (for the reader: the service that
calls ``notify``), who receives it (the holders of a role-map permission on a body, from
``permissions.ROLE_PERMISSIONS``, or the people the service names) and the preference key a
person sets on their notices page (``/mina-sidor/aviseringar/``): immediately, in a daily digest,
or off. The acting user never gets their own notice.

A notice is given once: its unique key (``minutes-approved:<meeting>``) is claimed in
``NoticeSent`` in the service's transaction, and each immediate mail is an outbox row keyed
``notice:<key>:<person>`` (``samverkan.outbox``), delivered by Celery after the commit; a retried
delivery sends nothing twice. Digest notices wait in ``DigestEntry`` until the daily task
(``send_digests``) sends each person one mail per day, keyed ``digest:<person>:<day>``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from samverkan import outbox

from .models import DigestEntry, Membership, NoticePreference, NoticeSent, Person
from .permissions import (
    ADOPT_PLANS,
    APPROVE_MINUTES,
    EDIT_PLANS,
    MANAGE_MEETINGS,
    PUBLISH_MINUTES,
    ROLE_PERMISSIONS,
    TAKE_STANCE,
    VIEW_INTERNAL,
    WRITE_REPORT_SECTION,
)

Delivery = NoticePreference.Delivery


@dataclass(frozen=True)
class NoticeKind:
    """One row of the table: ``key`` is also the preference key.

    ``permission``: the role-map codename whose holders on the notice's body receive it.
    ``named``: the service may name the recipients instead (an assignment's responsible person);
    the permission's holders receive it when it names nobody.
    ``subject``, ``lead`` and ``action`` are the mail's words, formatted with the context the
    service passes (``object``, ``body``, ``actor``, ``due``).
    """

    key: str
    label: str
    trigger: str
    permission: str
    subject: str
    lead: str
    action: str
    named: bool = False
    default: str = Delivery.IMMEDIATELY

    @property
    def recipients(self):
        with translation.override("en"):
            roles = ", ".join(str(role.label).lower() for role in roles_holding(self.permission))
        named = "the named responsible person, else " if self.named else ""
        return f"{named}{self.permission} on the body ({roles})"


def roles_holding(codename):
    return [role for role, granted in ROLE_PERMISSIONS.items() if codename in granted]


NOTICES = {
    notice.key: notice
    for notice in [
        NoticeKind(
            "agenda_sent",
            _("Agenda sent (with the meeting as a calendar file)"),
            "meetings.services.meeting_send_agenda",
            VIEW_INTERNAL,
            _("Agenda: %(object)s"),
            _("The agenda for %(object)s has been sent. The meeting is attached as a calendar file."),
            _("Read the agenda"),
        ),
        NoticeKind(
            "stance_requested",
            _("Your stance is asked on proposed decisions"),
            "meetings.services.meeting_send_agenda (with proposals), item_add after the agenda was sent",
            TAKE_STANCE,
            _("Take your stance: %(object)s"),
            _("Take your stance on the proposed decisions of %(object)s before the meeting."),
            _("Take your stance"),
        ),
        NoticeKind(
            "objection_raised",
            _("A member objects to a proposed decision"),
            "meetings.services.stance_set (an objection)",
            MANAGE_MEETINGS,
            _("Objection: %(object)s"),
            _(
                "%(actor)s objects to a proposed decision of %(object)s. Under the consensus rule it "
                "cannot be recorded as decided."
            ),
            _("Open the meeting"),
        ),
        NoticeKind(
            "minutes_ready",
            _("Minutes ready for approval"),
            "meetings.services.minutes_save, decision_record (drafted, every decision recorded)",
            APPROVE_MINUTES,
            _("Minutes to approve: %(object)s"),
            _(
                "The minutes of %(object)s are written and every decision is recorded: they wait for "
                "approval."
            ),
            _("Approve the minutes"),
        ),
        NoticeKind(
            "minutes_approved",
            _("Minutes approved, to be published"),
            "meetings.services.minutes_approve, approval_item_record",
            PUBLISH_MINUTES,
            _("Minutes to publish: %(object)s"),
            _("The minutes of %(object)s are approved and wait to be published."),
            _("Publish the minutes"),
        ),
        NoticeKind(
            "minutes_published",
            _("Minutes published"),
            "meetings.services.minutes_publish",
            VIEW_INTERNAL,
            _("Minutes published: %(object)s"),
            _("The minutes of %(object)s are published."),
            _("Read the minutes"),
        ),
        NoticeKind(
            "section_requested",
            _("Annual report section requested"),
            "reports.services.section_request_again (when the årshjul opens the sections, its own "
            "request mail goes to the same people)",
            WRITE_REPORT_SECTION,
            _("Section requested: %(object)s"),
            _("%(body)s is asked to write the section “%(object)s” by %(due)s."),
            _("Write the section"),
        ),
        NoticeKind(
            "section_returned",
            _("Annual report section returned"),
            "reports.services.section_return",
            WRITE_REPORT_SECTION,
            _("Section returned: %(object)s"),
            _("The section “%(object)s” has been returned to its writers with a comment."),
            _("Revise the section"),
        ),
        NoticeKind(
            "section_accepted",
            _("Annual report section accepted"),
            "reports.services.section_accept",
            WRITE_REPORT_SECTION,
            _("Section accepted: %(object)s"),
            _("The section “%(object)s” has been accepted for the annual report."),
            _("Read the section"),
        ),
        NoticeKind(
            "plan_submitted",
            _("Action plan submitted for adoption"),
            "actionplans.services.plan_submit (to the adopting body)",
            ADOPT_PLANS,
            _("Plan to adopt: %(object)s"),
            _("%(object)s has been submitted for adoption by %(body)s."),
            _("Review the plan"),
        ),
        NoticeKind(
            "plan_adopted",
            _("Action plan adopted"),
            "actionplans.services.plan_adopt (to the plan's body)",
            EDIT_PLANS,
            _("Plan adopted: %(object)s"),
            _("%(object)s has been adopted."),
            _("Read the plan"),
        ),
        NoticeKind(
            "assignment_given",
            _("Assignment given"),
            "meetings.services.assignment_add",
            MANAGE_MEETINGS,
            _("New assignment: %(object)s"),
            _("%(body)s has given an assignment: %(object)s"),
            _("See the assignment"),
            named=True,
        ),
        NoticeKind(
            "assignment_due",
            _("Assignment due in 7 days"),
            "meetings.tasks.remind_assignments (daily beat)",
            MANAGE_MEETINGS,
            _("Assignment due %(due)s: %(object)s"),
            _("The assignment “%(object)s” of %(body)s is due on %(due)s."),
            _("See the assignment"),
            named=True,
        ),
        NoticeKind(
            "assignment_overdue",
            _("Assignment overdue"),
            "meetings.tasks.remind_assignments (daily beat)",
            MANAGE_MEETINGS,
            _("Assignment overdue: %(object)s"),
            _("The assignment “%(object)s” of %(body)s was due on %(due)s and is not done."),
            _("See the assignment"),
            named=True,
        ),
    ]
}


def table():
    """The table of notice kinds as text (for the README and the closing note)."""
    rows = ["| kind (preference key) | trigger | recipients |", "|---|---|---|"]
    rows += [f"| `{n.key}` | {n.trigger} | {n.recipients} |" for n in NOTICES.values()]
    return "\n".join(rows)


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def recipients(notice, body, *, actor=None, people=(), on=None):
    """The people who receive ``notice`` about ``body``: those named (when the kind allows it and
    the service names somebody with an address), else the current holders of its permission
    there; never ``actor``'s own person, never someone without an address."""
    named = [person for person in people if person is not None and person.email] if notice.named else []
    if named:
        found = {person.pk: person for person in named}
    else:
        seats = Membership.objects.current(on).filter(body=body, role__in=roles_holding(notice.permission))
        found = {person.pk: person for person in Person.objects.filter(memberships__in=seats)}
    own = getattr(actor, "person", None) if actor is not None and actor.is_authenticated else None
    return sorted(
        (p for p in found.values() if p.email and (own is None or p.pk != own.pk)), key=lambda p: p.pk
    )


def deliveries(kind, people):
    """{person id: delivery} for ``people`` and the kind (one query)."""
    default = NOTICES[kind].default
    chosen = dict(
        NoticePreference.objects.filter(kind=kind, person__in=people).values_list("person_id", "delivery")
    )
    return {person.pk: chosen.get(person.pk, default) for person in people}


def _render(template, context):
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template, context).strip()


@transaction.atomic
def notify(kind, *, key, body, obj, url, actor=None, people=(), details=(), attachments=(), **context):
    """Give the notice ``kind`` about ``obj`` (of ``body``) once, in the caller's transaction.

    ``key`` names this notice (``minutes-approved:<meeting>``): a second call with it gives
    nothing. ``url``: the page where the recipient acts (a path). ``details``: lines the mail
    lists (the proposals, the comment). ``attachments`` go with immediate mails only (the
    agenda's calendar file). Returns the people notified (whatever their delivery).
    """
    if outbox.is_mail_silenced():  # the demo's history gives nobody a notice, not even in a digest
        return []
    notice = NOTICES[kind]
    _claim, created = NoticeSent.objects.get_or_create(key=key)
    if not created:
        return []
    people = recipients(notice, body, actor=actor, people=people)
    if not people:
        return []
    how = deliveries(kind, people)
    with translation.override(settings.LANGUAGE_CODE):
        words = {"object": str(obj), "body": getattr(body, "display_name", str(body))}
        if actor is not None and actor.is_authenticated:
            person = getattr(actor, "person", None)
            words["actor"] = person.full_name if person else actor.get_username()
        words |= {name: str(value) for name, value in context.items()}
        subject = str(notice.subject) % words
        lead = str(notice.lead) % words
        action = str(notice.action)
    link = site_url(url)
    preferences = site_url(reverse("governance:notice_preferences"))
    mails, digest, today = {}, [], timezone.localdate()
    for person in people:
        if how[person.pk] == Delivery.OFF:
            continue
        if how[person.pk] == Delivery.DIGEST:
            digest.append(
                DigestEntry(
                    key=f"{key}:{person.pk}",
                    person=person,
                    kind=kind,
                    day=today,
                    subject=subject[:300],
                    text="\n".join([lead, *details]),
                    url=link,
                )
            )
            continue
        context = {
            "person": person,
            "subject": subject,
            "lead": lead,
            "details": details,
            "action": action,
            "url": link,
            "preferences_url": preferences,
            "notice": notice,
        }
        mails[f"notice:{key}:{person.pk}"] = {
            "to": [person.email],
            "subject": subject,
            "body": _render("email/notice.txt", context),
            "html": _render("email/notice.html", context),
            "attachments": list(attachments),
        }
    DigestEntry.objects.bulk_create(digest, ignore_conflicts=True)
    outbox.enqueue_mail(mails)
    return people


# --- The daily digest ------------------------------------------------------------------------------


def send_digests(today=None):
    """Send each person one mail per day with the digest notices of that day, for every day
    before ``today`` (so a missed run catches up). Idempotent: each person's day is enqueued under
    the key ``digest:<person>:<day>`` and its entries deleted in the same transaction. Returns
    how many digests were written."""
    today = today or timezone.localdate()
    groups = (
        DigestEntry.objects.filter(day__lt=today).values_list("person_id", "day").distinct().order_by("day")
    )
    return sum(_send_digest(person_id, day) for person_id, day in list(groups))


@transaction.atomic
def _send_digest(person_id, day):
    entries = list(
        DigestEntry.objects.select_for_update()
        .filter(person_id=person_id, day=day)
        .select_related("person")
        .order_by("pk")
    )
    if not entries:
        return 0  # another run sent it a moment ago
    person = entries[0].person
    context = {
        "person": person,
        "entries": entries,
        "day": day,
        "preferences_url": site_url(reverse("governance:notice_preferences")),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your notices of %(date)s (%(count)s)") % {"date": day.isoformat(), "count": len(entries)}
        subject = str(subject)
    written = outbox.enqueue_mail(
        {
            f"digest:{person.pk}:{day.isoformat()}": {
                "to": [person.email],
                "subject": subject,
                "body": _render("email/digest.txt", context | {"subject": subject}),
                "html": _render("email/digest.html", context | {"subject": subject}),
            }
        }
    )
    DigestEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()
    return len(written)


def purge_given(before):
    """Forget the keys of notices given before ``before`` (the daily tasks look back a week)."""
    return NoticeSent.objects.filter(sent_at__lt=before).delete()[0]
