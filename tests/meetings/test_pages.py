"""What the meeting pages show, to whom, and how bad input is refused (in Swedish)."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import Body, Membership, Person
from meetings import services
from meetings.models import ATTACHMENT_MAX_BYTES, AgendaItem, Attachment, Attendance, Decision, Meeting
from tests.meetings.conftest import minutes_data, minutes_post
from tests.meetings.once import meetings_built_for_the_module, structure_built_for_the_module  # noqa: F401

Role = Membership.Role


def test_published_minutes_follow_the_structure_of_real_minutes(client, meetings, structure):
    chair = structure.people[Role.CHAIR].person
    Attendance.objects.create(
        meeting=meetings.published, person=chair, organisation=chair.organisation, title="Enhetschef"
    )
    member = structure.people[Role.MEMBER].person
    Attendance.objects.create(
        meeting=meetings.published,
        person=member,
        organisation=member.organisation,
        title="Enhetschef",
        status="excused",
    )
    meetings.published.minutes_taker = structure.people[Role.PROCESS_LEADER].person
    meetings.published.next_meeting = "2024-05-14, 13.00–15.00"
    meetings.published.save()
    html = client.get(meetings.published.get_absolute_url()).content.decode()
    for text in [
        "NOSAM Testby",
        "tisdag 12 mars 2024, 13.00–15.00",
        "Närvarande",
        "Chair Testsson, Enhetschef, Testby kommun",
        "Förhindrade",
        "Member Testsson, Enhetschef, Testby kommun",
        "§ 1",
        "Trygga vårdövergångar",
        "Beslut:",
        "Rutin för vårdövergång",
        "Nästa möte:",
        "Vid anteckningarna",
    ]:
        assert text in html, text
    assert "member@example.se" not in html  # only name, title and organisation are public


def test_anonymous_visitors_never_see_drafts(client, meetings):
    pages = [
        reverse("governance:body_detail", args=[meetings.body.slug]),
        reverse("meetings:body_meetings", args=[meetings.body.slug]),
        reverse("meetings:archive"),
        reverse("meetings:archive_year", args=[meetings.body.slug, 2024]),
        reverse("meetings:search") + "?q=utkast",
        reverse("meetings:minutes_feed"),
        meetings.published.get_absolute_url(),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Hemligt utkast" not in html and "Utkast som inte" not in html, url
        assert meetings.draft.get_absolute_url() not in html, url


def test_the_body_page_lists_coming_and_past_meetings_and_attendance(client, meetings, structure):
    person = structure.people[Role.CHAIR].person
    Attendance.objects.create(meeting=meetings.published, person=person, organisation=person.organisation)
    other = structure.people[Role.MEMBER].person
    Attendance.objects.create(
        meeting=meetings.published, person=other, organisation=structure.region, status="excused"
    )
    html = client.get(reverse("governance:body_detail", args=[meetings.body.slug])).content.decode()
    assert "Möten och minnesanteckningar" in html
    assert "12 mars 2024" in html and meetings.published.get_absolute_url() in html
    assert "Närvaro per organisation, 2024" in html
    assert "Testby kommun" in html and "100 %" in html and "Region Test" in html and "0 %" in html


def test_the_agenda_builder_adds_an_item_with_htmx_and_without(client, meetings):
    client.force_login(meetings.leader)
    url = reverse("meetings:agenda", args=[meetings.planned.pk])
    data = {
        "kind": "decision",
        "title": "Nytt ärende",
        "presenter": "",
        "description": "",
        "questions": "",
        "proposal": "Vi gör så",
    }
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="agenda-builder"' in response.content.decode()
    assert "<html" not in response.content.decode()
    response = client.post(url, data | {"title": "Utan JS"})
    assert response.status_code == 302
    titles = list(meetings.planned.items.values_list("title", flat=True))
    assert titles[-2:] == ["Nytt ärende", "Utan JS"]
    assert Decision.objects.get(item__title="Utan JS").proposal == "Vi gör så"


def test_a_decision_item_without_a_proposal_is_refused_and_keeps_what_was_typed(client, meetings):
    client.force_login(meetings.leader)
    response = client.post(
        reverse("meetings:agenda", args=[meetings.planned.pk]),
        {"kind": "decision", "title": "Skrivet ärende"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Ett beslutsärende behöver ett förslag till beslut." in html
    assert 'value="Skrivet ärende"' in html


def test_an_end_time_before_the_start_is_refused_in_swedish(client, meetings):
    client.force_login(meetings.leader)
    response = client.post(
        reverse("meetings:meeting_create", args=[meetings.body.slug]),
        {
            "kind": "regular",
            "date": "2025-03-01",
            "start_time": "15:00",
            "end_time": "13:00",
            "mode": "physical",
        },
    )
    assert response.status_code == 200
    assert "Mötet kan inte sluta innan det börjar." in response.content.decode()
    assert Meeting.objects.count() == 3


def test_recording_decided_over_an_objection_is_refused_with_a_message(client, meetings):
    client.force_login(meetings.member)
    client.post(
        reverse("meetings:stance", args=[meetings.decision.pk]),
        {
            f"d{meetings.decision.pk}-position": "objection",
            f"d{meetings.decision.pk}-reason": "Inte förankrat",
        },
    )
    services.meeting_mark_held(meeting=meetings.planned, user=meetings.leader)
    client.force_login(meetings.leader)
    item = meetings.proposal_item
    response = minutes_post(
        client,
        meetings.planned,
        **{
            f"item-{item.pk}-minutes": "Diskussion om mötesformen.",
            f"d{meetings.decision.pk}-outcome": "decided",
            "record": item.pk,
        },
    )
    assert response.status_code == 302 and response.url.endswith(f"#item-{item.pk}")
    html = client.get(response.url).content.decode()
    assert "kan inte registreras som beslutat" in html and "Member Testsson" in html
    meetings.decision.refresh_from_db()
    assert meetings.decision.outcome == ""
    item.refresh_from_db()
    assert item.minutes == "Diskussion om mötesformen."  # the typed text was saved first


def test_the_to_do_list_lists_proposals_of_my_bodies_and_a_double_submit_changes_nothing(client, meetings):
    client.force_login(meetings.member)
    html = client.get(reverse("todo")).content.decode()
    url = reverse("meetings:stance", args=[meetings.decision.pk])
    assert "Ny mötesform" in html and f'href="{url}"' in html
    assert "Hemligt utkast" not in html
    assert "NOSAM inför kortare möten" in client.get(url).content.decode()
    data = {f"d{meetings.decision.pk}-position": "support", f"d{meetings.decision.pk}-reason": ""}
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "inget ändrades" in response.content.decode()
    assert meetings.decision.stances.get().history.count() == 1


def test_the_minutes_editor_saves_every_item_with_one_button(client, meetings):
    client.force_login(meetings.leader)
    info = meetings.add_item(meetings.draft, AgendaItem.Kind.INFORMATION, "Lägesbild")
    item = meetings.draft_item
    response = minutes_post(
        client,
        meetings.draft,
        **{
            f"item-{item.pk}-minutes": "Text i punkt 1",
            f"item-{info.pk}-dialogue": "Dialog i punkt 2",
            f"item-{info.pk}-decision": "NOSAM noterar informationen.",
            "meta-next_meeting": "2024-06-11",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    info.refresh_from_db()
    assert item.minutes == "Text i punkt 1" and info.dialogue == "Dialog i punkt 2"
    assert info.decision.text == "NOSAM noterar informationen."  # a Beslut on an information item
    meetings.draft.refresh_from_db()
    assert meetings.draft.next_meeting == "2024-06-11"
    html = client.get(reverse("meetings:minutes", args=[meetings.draft.pk])).content.decode()
    assert html.count('type="submit" name="save"') == 1
    assert "meetings/unsaved.js" in html and "<script>" not in html


def test_a_stale_minutes_form_saves_nothing_and_shows_both_versions(client, meetings):
    client.force_login(meetings.leader)
    item = meetings.draft_item
    url = reverse("meetings:minutes", args=[meetings.draft.pk])
    seen = minutes_data(client, meetings.draft)
    meetings.write(meetings.draft, item, "Deras text")
    response = client.post(
        url, seen | {f"item-{item.pk}-minutes": "Min text", "meta-next_meeting": "Min tid"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "sparade medan du redigerade" in html
    assert "Deras text" in html and "Min text" in html and "Min tid" in html
    item.refresh_from_db()
    meetings.draft.refresh_from_db()
    assert item.minutes == "Deras text" and meetings.draft.next_meeting == ""


def test_editing_approved_minutes_is_refused_in_the_view(client, meetings):
    services.minutes_approve(meeting=meetings.draft, user=meetings.chair)
    client.force_login(meetings.leader)
    item = meetings.draft_item
    html = client.get(reverse("meetings:minutes", args=[meetings.draft.pk])).content.decode()
    assert 'name="save"' not in html and "kan inte längre ändras" in html
    response = minutes_post(client, meetings.draft, **{f"item-{item.pk}-minutes": "Ändrat i efterhand"})
    assert response.status_code == 200
    assert "Det går inte att ändra möte" in response.content.decode()
    item.refresh_from_db()
    assert item.minutes == "Utkast som inte får synas."


def test_frozen_pages_show_their_fields_in_no_form_that_cannot_be_sent(client, meetings):
    """Approved minutes: the minutes, attendance, item and meeting pages show the fields read-only,
    not in a form without a submit button (Pa11y's HTML_CodeSniffer, WCAG 3.2.2 H32)."""
    services.minutes_approve(meeting=meetings.draft, user=meetings.chair)
    client.force_login(meetings.leader)
    meeting, item = meetings.draft, meetings.draft_item
    for url in (
        reverse("meetings:minutes", args=[meeting.pk]),
        reverse("meetings:attendance", args=[meeting.pk]),
        reverse("meetings:item_edit", args=[meeting.pk, item.pk]),
        reverse("meetings:meeting_edit", args=[meeting.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert "kan inte längre" in main, url
        forms = re.findall(r"<form\b.*?</form>", main, re.S)
        assert all('type="submit"' in form for form in forms), url


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.exe", b"MZ", "Endast PDF- och Office-filer"),
        ("bild.png", b"\x89PNG", "Endast PDF- och Office-filer"),
        ("falsk.pdf", b"MZ not a pdf", "stämmer inte med filnamnet"),
    ],
)
def test_attachments_of_a_forbidden_type_are_refused(
    client, meetings, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(meetings.leader)
    response = client.post(
        reverse("meetings:item_edit", args=[meetings.draft.pk, meetings.draft_item.pk]),
        {"file-title": "Bilaga", "file-file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_attachment_over_the_size_limit_is_refused(client, meetings, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(meetings.leader)
    big = SimpleUploadedFile("stor.pdf", b"%PDF-" + b"0" * (ATTACHMENT_MAX_BYTES + 1))
    response = client.post(
        reverse("meetings:item_edit", args=[meetings.draft.pk, meetings.draft_item.pk]),
        {"file-title": "Stor", "file-file": big},
    )
    page = response.content.decode()
    assert "gränsen är 20 MB" in page and "PDF- och Office-filer på högst 20 MB." in page
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "name, head",
    [
        ("rutin.pdf", b"%PDF-1.7"),
        ("budget.xlsx", b"PK\x03\x04"),
        ("gammal.doc", bytes.fromhex("d0cf11e0a1b11ae1")),
    ],
)
def test_pdf_and_office_attachments_are_accepted(client, meetings, settings, tmp_path, name, head):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(meetings.leader)
    response = client.post(
        reverse("meetings:item_edit", args=[meetings.draft.pk, meetings.draft_item.pk]),
        {
            "file-title": "Bilaga",
            "file-file": SimpleUploadedFile(name, head + b"rest"),
            "file-is_public": "on",
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (
        attachment.is_public
        and attachment.uploaded_by == meetings.leader
        and attachment.size == len(head) + 4
    )


def test_internal_attachments_are_not_listed_publicly(client, meetings, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Attachment.objects.create(
        item=meetings.item,
        title="Offentlig bilaga",
        file=SimpleUploadedFile("a.pdf", b"%PDF-1"),
        is_public=True,
    )
    Attachment.objects.create(
        item=meetings.item, title="Intern bilaga", file=SimpleUploadedFile("b.pdf", b"%PDF-1")
    )
    html = client.get(meetings.published.get_absolute_url()).content.decode()
    assert "Offentlig bilaga" in html and "Intern bilaga" not in html
    client.force_login(meetings.member)
    assert "Intern bilaga" in client.get(meetings.published.get_absolute_url()).content.decode()


def test_the_pdf_of_published_minutes(client, meetings):
    from pypdf import PdfReader

    response = client.get(reverse("meetings:meeting_pdf", args=[meetings.published.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
    assert "NOSAM Testby" in text and "Trygga vårdövergångar" in text and "Beslut:" in text


def test_the_atom_feed_lists_newly_published_minutes(client, meetings):
    response = client.get(reverse("meetings:minutes_feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "NOSAM Testby, 2024-03-12" in body and meetings.published.get_absolute_url() in body
    assert "2024-05-14" not in body


def test_the_calendars_are_valid_icalendar(client, meetings):
    meetings.meeting(datetime.date(2027, 3, 9))
    body = client.get(reverse("meetings:calendar_body", args=[meetings.body.slug]))
    all_bodies = client.get(reverse("meetings:calendar_all"))
    for response in (body, all_bodies):
        text = response.content.decode()
        assert response["Content-Type"].startswith("text/calendar")
        assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    text = body.content.decode()
    assert text.count("BEGIN:VEVENT") == 1  # the coming meeting; the last year's would be here too
    assert "DTSTART:20270309T120000Z" in text  # 13.00 in Stockholm in March (CET)
    assert "Hemligt" not in text


def test_assignments_page_shows_published_ones_publicly(client, meetings, structure):
    from meetings.models import Assignment

    Assignment.objects.create(
        body=meetings.body,
        decision=meetings.item.decision,
        what="Synligt uppdrag",
        responsible_organisation=structure.town,
    )
    draft_decision = Decision.objects.create(item=meetings.draft_item, proposal="x")
    Assignment.objects.create(
        body=meetings.body,
        decision=draft_decision,
        what="Internt uppdrag",
        responsible_organisation=structure.town,
    )
    url = reverse("meetings:assignments", args=[meetings.body.slug])
    html = client.get(url).content.decode()
    assert "Synligt uppdrag" in html and "Internt uppdrag" not in html
    client.force_login(meetings.leader)
    html = client.get(url).content.decode()
    assert "Internt uppdrag" in html


def test_attendance_is_recorded_with_guests(client, meetings, structure):
    client.force_login(meetings.leader)
    guest = Person.objects.create(
        first_name="Gäst", last_name="Gästsson", organisation=structure.region, title="Överläkare"
    )
    form = client.get(reverse("meetings:attendance", args=[meetings.draft.pk])).context["form"]
    data = {name: "present" for name in form.fields if name.startswith("person_")}
    member = structure.people[Role.MEMBER].person
    data[f"person_{member.pk}"] = "excused"
    data["guest"] = guest.pk
    response = client.post(reverse("meetings:attendance", args=[meetings.draft.pk]), data)
    assert response.status_code == 302
    rows = {a.person_id: a for a in Attendance.objects.filter(meeting=meetings.draft)}
    assert rows[member.pk].status == "excused" and rows[guest.pk].is_guest
    assert rows[guest.pk].title == "Överläkare"
    before = Attendance.history.count()
    client.post(reverse("meetings:attendance", args=[meetings.draft.pk]), data | {"guest": ""})
    assert Attendance.history.count() == before  # nothing changed, nothing written


def test_planning_a_meeting_proposes_the_opening_and_approval_items(client, meetings):
    client.force_login(meetings.leader)
    response = client.post(
        reverse("meetings:meeting_create", args=[meetings.body.slug]),
        {
            "kind": "extra",
            "date": "2025-02-01",
            "start_time": "08:00",
            "end_time": "09:00",
            "mode": "digital",
        },
    )
    meeting = Meeting.objects.get(date=datetime.date(2025, 2, 1))
    assert response.url == reverse("meetings:agenda", args=[meeting.pk])
    kinds = list(meeting.items.values_list("kind", flat=True))
    assert kinds[:2] == [AgendaItem.Kind.OPENING, AgendaItem.Kind.APPROVAL]


def test_every_link_on_public_minutes_answers_200_to_an_anonymous_visitor(client, meetings, structure):
    """The next meeting approves the published minutes; its own minutes, not yet published, are
    named without a link from the published ones."""
    import re

    approval = meetings.planned.items.get(kind=AgendaItem.Kind.APPROVAL)
    approval.approves = meetings.published
    approval.save()
    meetings.published.approved_in = approval
    meetings.published.save()
    html = client.get(meetings.published.get_absolute_url()).content.decode()
    assert meetings.planned.get_absolute_url() not in html and f"§ {approval.position}" in html
    minutes = html[html.index('<article class="minutes">') : html.index("</article>")]
    links = set(re.findall(r'href="(/[^"#]*)', minutes))
    assert reverse("meetings:meeting_pdf", args=[meetings.published.pk]) in links
    for href in links:
        assert client.get(href).status_code == 200, href


def test_a_correction_is_listed_on_the_public_page_and_in_the_pdf(client, meetings):
    from pypdf import PdfReader

    client.force_login(meetings.leader)
    response = client.post(
        reverse("meetings:minutes_correct", args=[meetings.published.pk]),
        {
            "correction-item": meetings.item.pk,
            "correction-field": "minutes",
            "correction-after": "Rättad text om vårdövergång.",
            "correction-reason": "Stavfel i originalet.",
        },
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(meetings.published.get_absolute_url()).content.decode()
    assert "Rättelser" in html and "Stavfel i originalet." in html and "Rättad text om vårdövergång." in html
    pdf = client.get(reverse("meetings:meeting_pdf", args=[meetings.published.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.getvalue())).pages)
    assert "Rättelser" in text and "Stavfel i originalet." in text


def test_a_proposed_decision_on_an_information_item_is_kept_and_its_kind_shown(client, meetings):
    client.force_login(meetings.leader)
    response = client.post(
        reverse("meetings:agenda", args=[meetings.planned.pk]),
        {"kind": "dialogue", "title": "Lägesbild", "proposal": "NOSAM noterar informationen."},
    )
    assert response.status_code == 302
    item = meetings.planned.items.get(title="Lägesbild")
    assert item.decision.proposal == "NOSAM noterar informationen."
    html = client.get(meetings.planned.get_absolute_url()).content.decode()
    assert "Information och dialog" in html


def test_a_refused_stance_is_shown_at_its_decision_and_keeps_the_choice(client, meetings):
    client.force_login(meetings.member)
    html = client.get(reverse("meetings:stance", args=[meetings.decision.pk])).content.decode()
    assert "checked" not in html and "---------" not in html
    response = client.post(
        reverse("meetings:stance", args=[meetings.decision.pk]),
        {f"d{meetings.decision.pk}-position": "objection", f"d{meetings.decision.pk}-reason": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    errors = html.index(f'id="decision-{meetings.decision.pk}-errors"')
    assert "Motivera invändningen." in html[errors : errors + 300]
    import re

    assert re.search(r'<input[^>]*value="objection"[^>]*checked', html)  # the choice is kept
    assert not re.search(r'<input[^>]*value="support"[^>]*checked', html)


def test_next_must_stay_on_the_site(client, meetings):
    client.force_login(meetings.member)
    url = reverse("meetings:stance", args=[meetings.decision.pk])
    data = {f"d{meetings.decision.pk}-position": "support"}
    for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil.example", "\\\\evil.example"):
        assert client.post(url, data | {"next": elsewhere}).url == reverse("todo")
    assert client.post(url, data | {"next": "/grupper/"}).url == "/grupper/"


def test_a_minutes_year_without_minutes_is_not_indexed_and_points_to_the_years_with_minutes(client, meetings):
    noindex = '<meta name="robots" content="noindex">'
    with_minutes = reverse("meetings:archive_year", args=[meetings.body.slug, 2024])
    assert noindex not in client.get(with_minutes).content.decode()
    response = client.get(reverse("meetings:archive_year", args=[meetings.body.slug, 2100]))
    html = response.content.decode()
    assert response.status_code == 200 and noindex in html
    assert "Inga publicerade minnesanteckningar detta år." in html
    assert f'href="{with_minutes}"' in html


def test_the_archive_lists_its_groups_a_page_at_a_time(client, meetings):
    """However many groups publish minutes, the archive's page stays the same size: 25 groups to a
    page, the page in the address, a page beyond the last one 404."""
    for i in range(30):
        body = Body.objects.create(
            name=f"NOSAM Arkivby {i:02}", slug=f"arkivby-{i:02}", kind=meetings.body.kind
        )
        Meeting.objects.create(
            body=body,
            date=datetime.date(2023, 3, 1),
            start_time=datetime.time(13),
            end_time=datetime.time(15),
            status=Meeting.Status.PUBLISHED,
        )
    groups = 1 + 30  # NOSAM Testby's published minutes and the thirty
    first = client.get(reverse("meetings:archive")).content.decode()
    second = client.get(reverse("meetings:archive") + "?sida=2").content.decode()
    assert first.count('<th scope="row">') == 25 and second.count('<th scope="row">') == groups - 25
    assert "NOSAM Arkivby 00" in first and "NOSAM Arkivby 29" in second and "NOSAM Arkivby 29" not in first
    assert "Sida 1 av 2" in first and 'href="?sida=2" rel="next"' in first
    assert reverse("meetings:archive_year", args=["arkivby-29", 2023]) in second
    assert client.get(reverse("meetings:archive") + "?sida=3").status_code == 404
