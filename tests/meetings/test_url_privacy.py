"""Every meetings URL as an anonymous visitor, an outsider, a member, an editor and a communicator
sees it. Drafts and internal attachments never reach anyone outside the body."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import Membership
from meetings.models import Assignment, Attachment

Role = Membership.Role
LOGIN = "login"
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def urls(meetings, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    public = Attachment.objects.create(
        item=meetings.item, title="Rutin", file=SimpleUploadedFile("rutin.pdf", PDF), is_public=True
    )
    internal = Attachment.objects.create(
        item=meetings.item, title="Intern", file=SimpleUploadedFile("intern.pdf", PDF), is_public=False
    )
    assignment = Assignment.objects.create(
        body=meetings.body,
        decision=meetings.item.decision,
        what="Förankra",
        responsible_organisation=meetings.s.town,
    )
    published, draft, planned = meetings.published.pk, meetings.draft.pk, meetings.planned.pk
    item = meetings.draft_item.pk
    slug = meetings.body.slug
    decision = meetings.decision.pk
    return {
        "meeting_detail": reverse("meetings:meeting_detail", args=[published]),
        "meeting_detail draft": reverse("meetings:meeting_detail", args=[draft]),
        "meeting_pdf": reverse("meetings:meeting_pdf", args=[published]),
        "meeting_pdf draft": reverse("meetings:meeting_pdf", args=[draft]),
        "meeting_edit": reverse("meetings:meeting_edit", args=[draft]),
        "agenda": reverse("meetings:agenda", args=[planned]),
        "item_edit": reverse("meetings:item_edit", args=[draft, item]),
        "item_move": reverse("meetings:item_move", args=[draft, item]),
        "item_remove": reverse("meetings:item_remove", args=[draft, item]),
        "attachment": reverse("meetings:attachment", args=[published, public.pk]),
        "attachment internal": reverse("meetings:attachment", args=[published, internal.pk]),
        "attendance": reverse("meetings:attendance", args=[draft]),
        "minutes": reverse("meetings:minutes", args=[draft]),
        "item_minutes": reverse("meetings:item_minutes", args=[draft, item]),
        "send_agenda": reverse("meetings:send_agenda", args=[planned]),
        "mark_held": reverse("meetings:mark_held", args=[planned]),
        "approve": reverse("meetings:approve", args=[draft]),
        "publish": reverse("meetings:publish", args=[draft]),
        "stance": reverse("meetings:stance", args=[decision]),
        "decision_record": reverse("meetings:decision_record", args=[decision]),
        "assignment_add": reverse("meetings:assignment_add", args=[decision]),
        "body_meetings": reverse("meetings:body_meetings", args=[slug]),
        "meeting_create": reverse("meetings:meeting_create", args=[slug]),
        "assignments": reverse("meetings:assignments", args=[slug]),
        "assignment_status": reverse("meetings:assignment_status", args=[slug, assignment.pk]),
        "review": reverse("meetings:review"),
        "archive": reverse("meetings:archive"),
        "archive_year": reverse("meetings:archive_year", args=[slug, 2024]),
        "search": reverse("meetings:search") + "?q=vårdövergång",
        "minutes_feed": reverse("meetings:minutes_feed"),
        "calendar_all": reverse("meetings:calendar_all"),
        "calendar_body": reverse("meetings:calendar_body", args=[slug]),
    }


POST_ONLY = (LOGIN, 405, 405, 405, 405)
# name: (anonymous, outsider, member, editor (process leader), communicator), for a GET
EXPECTED = {
    "meeting_detail": (200, 200, 200, 200, 200),
    "meeting_detail draft": (404, 404, 200, 200, 200),
    "meeting_pdf": (200, 200, 200, 200, 200),
    "meeting_pdf draft": (404, 404, 404, 404, 404),
    "meeting_edit": (LOGIN, 404, 403, 200, 403),
    "agenda": (LOGIN, 404, 403, 200, 403),
    "item_edit": (LOGIN, 404, 403, 200, 403),
    "item_move": POST_ONLY,
    "item_remove": POST_ONLY,
    "attachment": (200, 200, 200, 200, 200),
    "attachment internal": (404, 404, 200, 200, 200),
    "attendance": (LOGIN, 404, 403, 200, 403),
    "minutes": (LOGIN, 404, 403, 200, 403),
    "item_minutes": POST_ONLY,
    "send_agenda": POST_ONLY,
    "mark_held": POST_ONLY,
    "approve": POST_ONLY,
    "publish": POST_ONLY,
    "stance": POST_ONLY,
    "decision_record": POST_ONLY,
    "assignment_add": POST_ONLY,
    "body_meetings": (200, 200, 200, 200, 200),
    "meeting_create": (LOGIN, 403, 403, 200, 403),
    "assignments": (200, 200, 200, 200, 200),
    "assignment_status": POST_ONLY,
    "review": (LOGIN, 200, 200, 200, 200),
    "archive": (200, 200, 200, 200, 200),
    "archive_year": (200, 200, 200, 200, 200),
    "search": (200, 200, 200, 200, 200),
    "minutes_feed": (200, 200, 200, 200, 200),
    "calendar_all": (200, 200, 200, 200, 200),
    "calendar_body": (200, 200, 200, 200, 200),
}


def visitors(structure):
    return [
        None,
        structure.outsider,
        structure.people[Role.MEMBER],
        structure.people[Role.PROCESS_LEADER],
        structure.people[Role.COMMUNICATOR],
    ]


def test_the_table_covers_every_meetings_url():
    from meetings.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == {name.split()[0] for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_who_may_open_what(structure, client, urls, name):
    for visitor, expected in zip(visitors(structure), EXPECTED[name], strict=True):
        client.logout()
        if visitor:
            client.force_login(visitor)
        response = client.get(urls[name])
        if expected == LOGIN:
            assert response.status_code == 302 and response.url.startswith(reverse("login")), (name, visitor)
        else:
            assert response.status_code == expected, (name, visitor)


# POSTs: (outsider, member, editor, communicator) – who may change what.
POSTS = {
    "publish": (404, 403, 302, 302),
    "approve": (404, 403, 403, 403),  # only the chair approves
    "meeting_create": (403, 403, 200, 403),
    "stance": (404, 302, 403, 403),
}


@pytest.mark.parametrize("name", sorted(POSTS))
def test_who_may_post_what(structure, client, urls, name, meetings):
    for visitor, expected in zip(visitors(structure)[1:], POSTS[name], strict=True):
        client.force_login(visitor)
        response = client.post(urls[name], {f"d{meetings.decision.pk}-position": "support"})
        assert response.status_code == expected, (name, visitor)
