"""The meeting journey in a browser: agenda, stances under the consensus rule, referral to the
next agenda, approval, publication, and an anonymous visitor's search; axe on the public pages."""

import datetime
import re

import pytest
from django.db import connection

from tests.browser.confirm import confirm
from tests.conftest import require

pytestmark = [pytest.mark.browser, pytest.mark.services]

PASSWORD = "Samverkan2026"
TITLE = "Gemensam rutin för vårdövergång vid utskrivning"


def login(page, site, username, next_path="/"):
    page.context.clear_cookies()
    page.goto(f"{site}/konto/login/?next={next_path}")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def stance(page, site, username, choice, reason=""):
    login(page, site, username, "/att-gora/")
    page.get_by_role("link", name=re.compile("Ta ställning.*" + re.escape(TITLE))).click()
    section = page.locator("main")
    section.get_by_label(choice, exact=True).check()
    if reason:
        section.get_by_label("Motivering (krävs vid invändning)").fill(reason)
    section.get_by_role("button", name="Spara mitt ställningstagande").click()
    assert page.get_by_text("Ditt ställningstagande sparades.").is_visible()


def swedish_date(day):
    from django.utils import formats, translation

    with translation.override("sv"):
        return formats.date_format(day, "j F Y")


def test_a_meeting_from_agenda_to_published_and_searchable_minutes(page, demo_site, axe_violations):
    from meetings.models import Meeting

    site = demo_site
    # An extra meeting the day before LGS's next planned one, which takes up what it refers back.
    planned = [Meeting.Status.PLANNED, Meeting.Status.AGENDA_SENT]
    upcoming = (
        Meeting.objects.filter(body__slug="lgs", status__in=planned).order_by("date", "start_time").first()
    )
    extra = upcoming.date - datetime.timedelta(days=1)
    # The process leader plans a meeting and builds the agenda (htmx adds the item in place).
    login(page, site, "processledare-lgs", "/grupper/lgs/moten/nytt/")
    page.get_by_label("Mötestyp").select_option("extra")
    page.get_by_label("Datum").fill(extra.isoformat())
    page.get_by_label("Starttid").fill("08:00")
    page.get_by_label("Sluttid").fill("09:15")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/moten/\d+/dagordning/$"))
    meeting_url = page.url.removesuffix("dagordning/")
    page.get_by_label("Typ av punkt").select_option("decision")
    page.get_by_label("Rubrik").fill(TITLE)
    page.get_by_label("Förslag till beslut").fill("LGS ställer sig bakom den gemensamma rutinen.")
    page.get_by_role("button", name="Lägg till punkten").click()
    page.locator("#agenda-builder").get_by_role("link", name=TITLE, exact=True).wait_for()
    page.get_by_role("link", name="Skicka kallelsen").click()
    confirm(page, "Kallelsen skickas med e-post till alla ledamöter", axe_violations)
    assert page.get_by_text("Kallelsen skickas till ledamöterna inom kort.").is_visible()

    # Two LGS members take a stance: one objects.
    stance(page, site, "lgs", "Invändning", "Rutinen är inte förankrad i primärvården.")
    stance(page, site, "ordforande-lgs", "Stöder")

    # The chair holds the meeting, writes the minutes, and cannot record "decided".
    login(page, site, "ordforande-lgs", meeting_url.removeprefix(site))
    page.get_by_role("button", name="Markera som genomfört").click()
    page.wait_for_url(re.compile(r"/protokoll/$"))
    # One form for the whole minutes: the record button saves the typed text first.
    item = page.locator("section.item-minutes").filter(has_text=TITLE)
    item.get_by_label("Minnesanteckning").fill(
        "Rutinen ska ge trygga vårdövergångar mellan sjukhus och kommun."
    )
    item.get_by_label("Utfall").select_option("decided")
    item.get_by_role("button", name="Spara och registrera beslutet").click()
    assert page.get_by_text(re.compile("kan inte registreras som beslutat")).is_visible()
    item = page.locator("section.item-minutes").filter(has_text=TITLE)
    assert item.get_by_label("Minnesanteckning").input_value().startswith("Rutinen ska ge trygga")
    item.get_by_label("Utfall").select_option("referred_back")
    item.get_by_role("button", name="Spara och registrera beslutet").click()
    assert page.get_by_text(re.compile("Återremitterat för beredning")).first.is_visible()

    # The body's next meeting has the item on its agenda.
    page.goto(site + "/grupper/lgs/moten/")
    page.get_by_role("link", name=swedish_date(upcoming.date)).first.click()
    assert page.get_by_role("heading", name=re.compile(TITLE)).is_visible()
    assert page.get_by_text(re.compile("Fortsättning från mötet " + swedish_date(extra))).is_visible()

    # The chair approves; the communicator publishes.
    page.goto(meeting_url)
    page.get_by_role("link", name="Godkänn minnesanteckningarna").click()
    confirm(page, "Minnesanteckningarna godkänns och låses", axe_violations)
    assert page.get_by_text("Minnesanteckningarna godkändes.").is_visible()
    login(page, site, "kommunikator", meeting_url.removeprefix(site))
    page.get_by_role("link", name="Publicera minnesanteckningarna").click()
    # Cancel leads back and changes nothing; then confirm.
    page.get_by_role("link", name="Avbryt").click()
    page.wait_for_url(meeting_url)
    page.get_by_role("link", name="Publicera minnesanteckningarna").click()
    confirm(page, "Minnesanteckningarna publiceras och blir läsbara för alla", axe_violations)
    assert page.get_by_text("Minnesanteckningarna publicerades.").is_visible()

    # An anonymous visitor reads them; on PostgreSQL finds them by an inflected word.
    page.context.clear_cookies()
    page.goto(meeting_url)
    assert page.get_by_role("heading", name=re.compile(TITLE)).is_visible()
    assert page.get_by_text("Beslut:").first.is_visible()
    require(connection.vendor == "postgresql", "Swedish stemming in the search needs PostgreSQL")
    page.goto(site + "/sok/?q=v%C3%A5rd%C3%B6verg%C3%A5ngarna")
    assert page.locator(f'a[href="{meeting_url.removeprefix(site)}"]').count() == 1


@pytest.mark.parametrize(
    "path",
    ["/protokoll/", "/protokoll/lgs/2024/", "/sok/?q=v%C3%A5rd%C3%B6verg%C3%A5ngar", "/grupper/lgs/moten/"],
)
def test_public_meeting_pages_have_no_wcag_a_or_aa_violations(page, demo_site, axe_violations, path):
    page.goto(demo_site + path)
    assert axe_violations(page) == []


def test_published_minutes_have_no_wcag_a_or_aa_violations(page, demo_site, axe_violations):
    page.goto(demo_site + "/protokoll/lgs/2024/")
    page.get_by_role("link", name="20 november 2024", exact=True).click()
    assert page.get_by_text("LGS beslutar att LGS BG upphör").is_visible()
    assert axe_violations(page) == []
