"""The bar of "nobody waits unknowingly", in a browser on PostgreSQL with a real Celery worker: a
stance is requested, the member finds it in "Att göra" and objects, the objection reaches the
chair's (and the process leader's) inbox, the chair approves from the to-do list after a
confirmation page, the communicator is e-mailed and publishes, a public subscriber (double
opt-in) receives exactly one mail, and every delivery run again sends nothing twice.

The live server, the worker and the test share one process, so the mails of Django's test
backend (``mail.outbox``) are the inbox of everyone."""

import datetime
import re
import time
from contextlib import contextmanager

import pytest
from celery.signals import task_postrun
from django.core import mail
from django.utils import timezone

from governance.models import Membership
from meetings import services
from meetings.models import AgendaItem, Meeting
from samverkan.models import OutboxMessage
from samverkan.tasks import deliver
from tests.browser.confirm import confirm
from tests.concurrency import RACES
from tests.platform.test_celery_worker import celery_worker

pytestmark = [*RACES, pytest.mark.browser, pytest.mark.services]

PASSWORD = "pw-Samverkan-1"  # the test structure's
TITLE = "Gemensam rutin för vårdövergång"
SUBSCRIBER = "prenumerant@example.se"
Role = Membership.Role


def login(page, site, username, next_path):
    page.context.clear_cookies()
    page.goto(f"{site}/konto/login/?next={next_path}")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def todo(page, site, username, axe_violations):
    """Log in to "Att göra" and check it with axe."""
    login(page, site, username, "/att-gora/")
    assert axe_violations(page) == []


class Inbox:
    """The mails that arrive, step by step: ``new()`` waits until the outbox has delivered every
    row (and at least ``at_least`` mails came) and returns the mails since the last call."""

    def __init__(self):
        self.seen = len(mail.outbox)
        self.counts = {}

    def new(self, step, at_least=1, timeout=60):
        deadline = time.monotonic() + timeout
        open_rows = OutboxMessage.objects.exclude(status=OutboxMessage.Status.DONE)
        while open_rows.exists() or len(mail.outbox) < self.seen + at_least:
            late = list(open_rows.values_list("key", "status", "last_error"))
            assert time.monotonic() < deadline, f"{step}: {late or 'no mail'}"
            time.sleep(0.1)
        mails, self.seen = mail.outbox[self.seen :], len(mail.outbox)
        sent = [(m.subject, address) for m in mails for address in m.to]
        assert len(sent) == len(set(sent)), f"{step}: a mail went twice to someone: {sorted(sent)}"
        self.counts[step] = len(mails)
        return mails


def to(mails, subject):
    """The addressees of the mails whose subject starts with ``subject``."""
    return sorted(address for m in mails if m.subject.startswith(subject) for address in m.to)


class Ran:
    def __init__(self):
        self.count = 0

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while self.count < count:
            assert time.monotonic() < deadline, f"the worker ran {self.count} of {count} deliveries"
            time.sleep(0.05)


@contextmanager
def deliveries_run():
    """Count the delivery tasks the worker finishes (its ``task_postrun`` signal)."""
    ran = Ran()

    def count(sender=None, **kwargs):
        if sender is not None and sender.name == deliver.name:
            ran.count += 1

    task_postrun.connect(count, weak=False)
    try:
        yield ran
    finally:
        task_postrun.disconnect(count)


@pytest.fixture
def world(structure):
    """NOSAM Testby (someone in every role) with a meeting in two weeks and a proposed decision."""
    leader = structure.people[Role.PROCESS_LEADER]
    meeting = services.meeting_create(
        meeting=Meeting(
            body=structure.nosam,
            date=timezone.localdate() + datetime.timedelta(days=14),
            start_time=datetime.time(13),
            end_time=datetime.time(15),
        ),
        user=leader,
    )
    services.item_add(
        item=AgendaItem(meeting=meeting, kind=AgendaItem.Kind.DECISION, title=TITLE),
        user=leader,
        proposal="NOSAM ställer sig bakom den gemensamma rutinen.",
    )
    return meeting


def test_from_a_requested_stance_to_one_mail_for_a_public_subscriber(
    world, live_server, page, axe_violations
):
    site, meeting_path = live_server.url, world.get_absolute_url()
    started = time.monotonic()
    with celery_worker():
        inbox = Inbox()

        # A visitor subscribes to the group's minutes and confirms from the link in the mail.
        page.goto(f"{site}/grupper/{world.body.slug}/prenumerera/")
        page.get_by_label("E-postadress").fill(SUBSCRIBER)
        page.get_by_role("button", name="Prenumerera").click()
        (confirmation,) = inbox.new("subscription confirmation")
        assert confirmation.to == [SUBSCRIBER]
        link = re.search(r"/prenumeration/bekrafta/[^/\s]+/", confirmation.body)[0]
        page.goto(site + link)  # the mail's link, on the live server
        page.get_by_role("button", name="Bekräfta prenumerationen").click()
        page.get_by_role("status").filter(has_text="Tack").wait_for()

        # 1. The process leader sends the agenda with its proposed decision: stances are asked.
        login(page, site, "process_leader", meeting_path + "dagordning/")
        page.get_by_role("link", name="Skicka kallelsen").click()
        confirm(page, "Kallelsen skickas med e-post till alla ledamöter", axe_violations)
        sent = inbox.new("agenda sent, stances requested")
        assert to(sent, "Ta ställning") == ["chair@example.se", "member@example.se", "vice_chair@example.se"]

        # 2. The member finds the stance in "Att göra" and objects from there.
        todo(page, site, "member", axe_violations)
        page.get_by_role("link", name=re.compile("Ta ställning.*" + re.escape(TITLE))).click()
        page.get_by_label("Invändning", exact=True).check()
        page.get_by_label("Motivering (krävs vid invändning)").fill("Rutinen är inte förankrad.")
        page.get_by_role("button", name="Spara mitt ställningstagande").click()
        assert page.get_by_text("Ditt ställningstagande sparades.").is_visible()

        # 3. The objection reaches the chair's inbox, and the process leader's.
        objection = inbox.new("objection raised")
        assert to(objection, "Invändning") == ["chair@example.se", "process_leader@example.se"]

        # 4. The chair holds the meeting, writes the minutes and records the decision (referred
        # back: under the consensus rule it cannot be decided), then approves from "Att göra".
        login(page, site, "chair", meeting_path)
        page.get_by_role("button", name="Markera som genomfört").click()
        page.wait_for_url(re.compile(r"/protokoll/$"))
        item = page.locator("section.item-minutes").filter(has_text=TITLE)
        item.get_by_label("Minnesanteckning").fill("Rutinen behöver förankras i primärvården.")
        item.get_by_label("Utfall").select_option("referred_back")
        item.get_by_role("button", name="Spara och registrera beslutet").click()
        assert page.get_by_text(re.compile("Återremitterat för beredning")).first.is_visible()
        ready = inbox.new("minutes ready")
        assert to(ready, "Minnesanteckningar att godkänna") == ["vice_chair@example.se"]
        todo(page, site, "chair", axe_violations)
        page.get_by_role("link", name=re.compile("godkänn minnesanteckningarna", re.I)).click()
        page.wait_for_url(site + meeting_path)
        page.get_by_role("link", name="Godkänn minnesanteckningarna").click()
        confirm(page, "Minnesanteckningarna godkänns och låses", axe_violations)
        assert page.get_by_text("Minnesanteckningarna godkändes.").is_visible()

        # 5. The communicator is e-mailed, finds the minutes in "Att göra" and publishes.
        approved = inbox.new("minutes approved")
        assert to(approved, "Minnesanteckningar att publicera") == [
            "communicator@example.se",
            "process_leader@example.se",
        ]
        todo(page, site, "communicator", axe_violations)
        # The to-do row leads straight to the publish confirmation, which names the meeting.
        page.get_by_role("link", name=re.compile("Publicera minnesanteckningarna.*")).click()
        confirm(page, "Minnesanteckningarna publiceras och blir läsbara för alla", axe_violations)
        assert page.get_by_text("Minnesanteckningarna publicerades.").is_visible()

        # 6. The public subscriber receives exactly one mail, with the List-Unsubscribe headers.
        published = inbox.new("minutes published")
        (to_subscriber,) = [m for m in published if m.to == [SUBSCRIBER]]
        assert to_subscriber.subject.startswith("Minnesanteckningar publicerade")
        assert meeting_path in to_subscriber.body
        assert "/prenumeration/avsluta/" in to_subscriber.extra_headers["List-Unsubscribe"]
        assert to_subscriber.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "communicator@example.se" not in to(published, "")

        # 7. Every delivery task again, as a redelivered or retried message would be: nothing twice.
        rows = list(OutboxMessage.objects.values_list("pk", flat=True))
        with deliveries_run() as ran:
            for pk in rows:
                deliver.delay(pk)
            ran.wait_for(len(rows))
        assert len(mail.outbox) == inbox.seen
        assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.DONE).exists()
    every = [address for m in mail.outbox for address in m.to]
    assert every.count(SUBSCRIBER) == 2  # the confirmation and the minutes
    took = time.monotonic() - started
    print(f"{took:.1f}s; mails per step: {inbox.counts}; {len(rows)} deliveries run again, 0 mails")
