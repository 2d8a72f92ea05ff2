"""``manage.py load_demo``: ``--reset`` starts over and the logins are printed; its refusal
without DEBUG. One full load in all: the reset starts from the demo snapshot."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from governance.models import Body, DigestEntry
from meetings.models import Meeting
from samverkan.models import OutboxMessage


@pytest.mark.django_db(transaction=True)  # --reset empties the database (TRUNCATE): committed rows
def test_reset_starts_over_and_prints_the_logins(demo_users, settings):
    settings.DEBUG = False  # --force loads all the same
    by_hand = Meeting.objects.create(
        body=Body.objects.get(slug="lgs"),
        date=datetime.date(2026, 7, 1),
        start_time=datetime.time(10),
        end_time=datetime.time(11),
    )
    out = StringIO()
    call_command("load_demo", "--force", "--reset", "--today", "2026-02-10", stdout=out)
    text = out.getvalue()
    assert "Demodata inläst" in text
    for username in ("processledare", "ordforande", "lgs", "kommunikator", "admin"):
        assert username in text
    assert "Samverkan2026" in text
    assert "Processledare, NOSAM GBG Sydväst och Temagrupp Äldre" in text
    assert not Meeting.objects.filter(pk=by_hand.pk).exists(), "the visitor's meeting went with the reset"
    assert Meeting.objects.filter(body__slug="lgs", status="published").exists()
    # Years of history went through the services: none of it mails anyone, now or in a digest.
    assert not OutboxMessage.objects.filter(kind="mail").exists()
    assert not DigestEntry.objects.exists()


def test_the_command_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()
