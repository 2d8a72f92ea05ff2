"""Confirm before the irreversible (``samverkan.confirm``): sending the agenda, approving and
publishing minutes and removing an agenda item. The button on the page is a link; GET shows what
will happen and changes nothing; the Confirm button's POST acts; a confirmation of a state that
has changed since is refused with the usual conflict message."""

import html

import pytest
from django.db.models import F
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Meeting
from tests.meetings.once import meetings_built_for_the_module, structure_built_for_the_module  # noqa: F401

Status = Meeting.Status
CHANGED_MEANWHILE = "Någon annan ändrade"


def _approved(m):
    services.minutes_approve(meeting=m.draft, user=m.chair)
    return m.draft


# action: (meeting in its state, who confirms, the state after, what the page says will happen)
CONFIRMED = {
    "send_agenda": (lambda m: m.planned, "leader", Status.AGENDA_SENT, "Kallelsen skickas med e-post"),
    "approve": (lambda m: m.draft, "chair", Status.MINUTES_APPROVED, "Minnesanteckningarna godkänns"),
    "publish": (_approved, "communicator", Status.PUBLISHED, "Minnesanteckningarna publiceras"),
}


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, html.unescape(response.content.decode())


@pytest.mark.parametrize("action", CONFIRMED)
def test_the_confirmation_page_says_what_will_happen_and_changes_nothing(meetings, client, action):
    meeting_in, who, _after, consequence = CONFIRMED[action]
    meeting = meeting_in(meetings)
    meeting.refresh_from_db()
    client.force_login(getattr(meetings, who))
    detail = client.get(meeting.get_absolute_url()).content.decode()
    url = reverse(f"meetings:{action}", args=[meeting.pk])
    assert f'href="{url}"' in detail and f'action="{url}"' not in detail  # a link, not a form
    response, page = _page(client, url)
    assert "Vill du" in page and str(meeting) in page and consequence in page
    assert f'name="version" value="{meeting.version}"' in page
    assert f'href="{meeting.get_absolute_url()}"' in page  # Cancel
    assert "data-hx" not in response.content.decode().split("<main", 1)[1]  # a plain form: no JavaScript
    before = (meeting.status, meeting.version)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.version) == before


@pytest.mark.parametrize("action", CONFIRMED)
def test_confirming_acts(meetings, client, action):
    meeting_in, who, after, _consequence = CONFIRMED[action]
    meeting = meeting_in(meetings)
    meeting.refresh_from_db()
    client.force_login(getattr(meetings, who))
    url = reverse(f"meetings:{action}", args=[meeting.pk])
    response = client.post(url, {"version": meeting.version})
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.status == after


@pytest.mark.parametrize("action", CONFIRMED)
def test_a_confirmation_of_a_state_changed_since_is_refused(meetings, client, action):
    meeting_in, who, _after, _consequence = CONFIRMED[action]
    meeting = meeting_in(meetings)
    meeting.refresh_from_db()
    client.force_login(getattr(meetings, who))
    url = reverse(f"meetings:{action}", args=[meeting.pk])
    seen = meeting.version
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)  # somebody saved it
    response = client.post(url, {"version": seen}, follow=True)
    assert CHANGED_MEANWHILE in html.unescape(response.content.decode())
    meeting.refresh_from_db()
    assert meeting.status != CONFIRMED[action][2]


def test_the_page_says_why_not_and_offers_no_button_when_the_move_is_not_possible(meetings, client):
    client.force_login(meetings.communicator)
    response, page = _page(client, reverse("meetings:publish", args=[meetings.draft.pk]))
    assert "Det går inte att publicera" in page
    assert ">Bekräfta<" not in page
    response = client.post(reverse("meetings:publish", args=[meetings.draft.pk]), follow=True)
    assert "Det går inte att publicera" in html.unescape(response.content.decode())
    meetings.draft.refresh_from_db()
    assert meetings.draft.status == Status.MINUTES_DRAFTED


def test_who_may_not_approve_gets_no_confirmation_page(meetings, client):
    client.force_login(meetings.member)
    assert client.get(reverse("meetings:approve", args=[meetings.draft.pk])).status_code == 403


def test_an_agenda_item_is_removed_after_its_confirmation(meetings, client):
    item = meetings.proposal_item
    client.force_login(meetings.leader)
    agenda = client.get(reverse("meetings:agenda", args=[meetings.planned.pk])).content.decode()
    url = reverse("meetings:item_remove", args=[meetings.planned.pk, item.pk])
    assert f'href="{url}"' in agenda
    _response, page = _page(client, url)
    assert "Vill du ta bort" in page and "numreras om" in page
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    stale = item.version
    services.item_save(item=item, user=meetings.leader, version=item.version)  # edited meanwhile
    client.post(url, {"version": stale})
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    item.refresh_from_db()
    response = client.post(url, {"version": item.version})
    assert response.status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
