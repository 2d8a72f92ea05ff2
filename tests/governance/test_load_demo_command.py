"""``manage.py load_demo`` on an empty database: what it prints, and its refusal without DEBUG."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from governance.models import DigestEntry
from samverkan.models import OutboxMessage


def test_the_command_prints_a_summary_and_the_logins(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "Demodata inläst" in text
    for username in ("processledare", "ordforande", "lgs", "kommunikator", "admin"):
        assert username in text
    assert "Samverkan2026" in text
    assert "Processledare, NOSAM GBG Sydväst och Temagrupp Äldre" in text
    # Years of history went through the services: none of it mails anyone, now or in a digest.
    assert not OutboxMessage.objects.filter(kind="mail").exists()
    assert not DigestEntry.objects.exists()


def test_the_command_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()
    call_command("load_demo", "--force", stdout=StringIO())
    assert get_user_model().objects.filter(username="admin").exists()
