"""The same "add" page sent twice creates one row (any database; the race is in
test_concurrency.py); a new page (a new one-time key) creates another."""

from django.urls import reverse

from meetings.models import AgendaItem
from tests.concurrency import already_saved, form_fields


def test_the_same_page_sent_twice_adds_one_item_and_says_so(meetings, client):
    client.force_login(meetings.leader)
    url = reverse("meetings:agenda", args=[meetings.planned.pk])
    page = form_fields(client.get(url)) | {"kind": AgendaItem.Kind.INFORMATION, "title": "Nytt ärende"}
    assert client.post(url, page).status_code == 302
    again = client.post(url, page)
    assert again.status_code == 200 and already_saved() in again.content.decode()
    assert meetings.planned.items.filter(title="Nytt ärende").count() == 1
    new_page = form_fields(client.get(url)) | {"kind": AgendaItem.Kind.INFORMATION, "title": "Nytt ärende"}
    assert new_page["submission"] != page["submission"]
    client.post(url, new_page)
    assert meetings.planned.items.filter(title="Nytt ärende").count() == 2


def test_a_page_with_an_error_can_be_corrected_and_sent_again(meetings, client):
    """The key is written only with what the form creates: an error leaves it unused."""
    client.force_login(meetings.leader)
    url = reverse("meetings:agenda", args=[meetings.planned.pk])
    page = form_fields(client.get(url)) | {"kind": AgendaItem.Kind.DECISION, "title": "Beslut"}
    assert client.post(url, page).status_code == 200  # a decision item needs a proposal
    assert client.post(url, page | {"proposal": "Att besluta"}).status_code == 302
    assert meetings.planned.items.filter(title="Beslut").count() == 1
