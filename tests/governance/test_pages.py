"""The public pages, 'Mina grupper' and editing the structure in the portal."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from governance.models import Body, Membership, Person, add_months

Role = Membership.Role
D = datetime.date


@pytest.fixture
def swedish_client(client):
    client.cookies["django_language"] = "sv"
    return client


def login(client, user):
    client.force_login(user)
    return client


def body_url(body):
    return reverse("governance:body_detail", args=[body.slug])


class TestPublicPages:
    def test_the_start_page_shows_the_active_structure_to_anyone(self, structure, client):
        structure.theme.end_date = D(2020, 1, 1)
        structure.theme.save()
        page = client.get("/").content.decode()
        assert "Ledningsgrupp för samverkan" in page and "NOSAM Testby" in page
        assert "Temagrupp Äldre" not in page, "ended bodies are not on the start page"

    def test_the_organisation_chart_shows_ended_bodies_as_historical(self, structure, client):
        structure.theme.end_date = D(2020, 1, 1)
        structure.theme.save()
        page = client.get(reverse("governance:organisation_chart")).content.decode()
        assert "Temagrupp Äldre" in page and "Avslutad" in page

    def test_a_body_page_shows_members_with_role_title_and_organisation(self, structure, client):
        page = client.get(body_url(structure.nosam)).content.decode()
        assert "Chair Testsson" in page and "Ordförande" in page
        assert "Enhetschef" in page and "Testby kommun" in page

    def test_anonymous_visitors_see_no_e_mail_addresses_and_no_edit_links(self, structure, client):
        page = client.get(body_url(structure.nosam)).content.decode()
        assert "chair@example.se" not in page
        assert reverse("governance:body_edit", args=[structure.nosam.slug]) not in page

    def test_members_see_e_mail_addresses(self, structure, client):
        page = login(client, structure.people[Role.MEMBER]).get(body_url(structure.nosam)).content.decode()
        assert "chair@example.se" in page

    def test_vacant_seats_and_the_chairs_term_are_shown(self, structure, client):
        Membership.objects.create(body=structure.theme, organisation=structure.region, role=Role.MEMBER)
        chair = Person.objects.create(first_name="Vera", last_name="Valdsson", organisation=structure.region)
        start = timezone.localdate().replace(day=1)
        Membership.objects.create(body=structure.theme, person=chair, role=Role.CHAIR, start_date=start)
        page = client.get(body_url(structure.theme)).content.decode()
        assert "Vakanta platser" in page and "Region Test" in page
        term_end = add_months(start, 18) - datetime.timedelta(days=1)
        with translation.override("sv"):
            expected = date_format(term_end, "j F Y")
        assert f"Ordförandes mandatperiod går ut den {expected}." in page

    def test_an_ended_body_says_so_and_links_its_successor(self, structure, client):
        successor = Body.objects.create(
            name="Styrgrupp LGS", slug="styrgrupp", kind=structure.council_kind, parent=structure.lgs
        )
        structure.theme.end_date = D(2024, 11, 30)
        structure.theme.successor = successor
        structure.theme.save()
        page = client.get(body_url(structure.theme)).content.decode()
        assert "upphörde den 30 november 2024" in page
        assert successor.get_absolute_url() in page
        assert "Ersätter" in client.get(body_url(successor)).content.decode()

    def test_an_unknown_body_is_not_found(self, db, client):
        assert client.get("/grupper/finns-inte/").status_code == 404

    def test_an_organisation_page_lists_its_seats(self, structure, client):
        page = client.get(reverse("governance:organisation_detail", args=["testby-kommun"])).content.decode()
        assert "NOSAM Testby" in page and "Member Testsson" in page

    def test_mandate_markdown_is_rendered_and_sanitised(self, structure, client):
        structure.nosam.mandate = (
            "- **Samverka** lokalt\n\n<script>alert(1)</script> [länk](javascript:alert(1))"
        )
        structure.nosam.save()
        page = client.get(body_url(structure.nosam)).content.decode()
        assert "<li><strong>Samverka</strong> lokalt</li>" in page
        assert "<script>alert" not in page and "javascript:" not in page


class TestMyGroups:
    def test_it_lists_the_users_bodies_with_role(self, structure, client):
        user = structure.people[Role.PROCESS_LEADER]
        person = user.person
        Membership.objects.create(body=structure.theme, person=person, role=Role.MEMBER)
        page = login(client, user).get(reverse("governance:my_groups")).content.decode()
        assert "Mina grupper" in page
        assert "NOSAM Testby" in page and "Processledare" in page
        assert "Temagrupp Äldre" in page and "Ledamot" in page

    def test_it_asks_for_login(self, db, client):
        response = client.get(reverse("governance:my_groups"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))

    def test_a_login_without_a_person_is_told_what_to_do(self, structure, client):
        page = login(client, structure.outsider).get(reverse("governance:my_groups")).content.decode()
        assert "inte kopplad" in page


class TestEditingInThePortal:
    def edit_url(self, structure):
        return reverse("governance:body_edit", args=[structure.nosam.slug])

    def test_anonymous_visitors_are_sent_to_log_in(self, structure, client):
        response = client.get(self.edit_url(structure))
        assert response.status_code == 302 and reverse("login") in response.url

    @pytest.mark.parametrize("role", [Role.MEMBER, Role.COMMUNICATOR, Role.VICE_CHAIR])
    def test_readers_are_refused(self, structure, client, role):
        assert login(client, structure.people[role]).get(self.edit_url(structure)).status_code == 403

    def test_an_outsider_is_refused(self, structure, client):
        assert login(client, structure.outsider).get(self.edit_url(structure)).status_code == 403

    def test_a_process_leader_edits_the_mandate(self, structure, client):
        login(client, structure.people[Role.PROCESS_LEADER])
        response = client.post(
            self.edit_url(structure),
            {
                "name": "NOSAM Testby",
                "short_name": "",
                "mandate": "Nytt uppdrag",
                "email": "",
                "start_date": "",
                "end_date": "",
                "version": 1,
            },
        )
        assert response.status_code == 302
        structure.nosam.refresh_from_db()
        assert structure.nosam.mandate == "Nytt uppdrag"
        assert structure.nosam.history.first().history_user == structure.people[Role.PROCESS_LEADER]

    def test_an_invalid_edit_re_renders_with_a_swedish_message_and_saves_nothing(
        self, structure, swedish_client
    ):
        login(swedish_client, structure.people[Role.CHAIR])
        response = swedish_client.post(
            self.edit_url(structure),
            {
                "name": "",
                "mandate": "Behålls i formuläret",
                "start_date": "2024-05-01",
                "end_date": "2024-01-01",
                "version": 1,
            },
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "Formuläret kunde inte sparas" in page and "Detta fält måste fyllas i" in page
        assert "Behålls i formuläret" in page, "what was typed is not lost"
        structure.nosam.refresh_from_db()
        assert structure.nosam.name == "NOSAM Testby"

    def test_a_concurrent_edit_is_refused_and_shows_the_other_change(self, structure, swedish_client):
        data = {"name": "NOSAM Testby", "mandate": "Mitt uppdrag", "version": 1}
        # Somebody else saves first, from the same version.
        other = structure.people[Role.CHAIR]
        login(swedish_client, other).post(
            self.edit_url(structure), {**data, "mandate": "Ordförandens uppdrag"}
        )
        swedish_client.logout()
        login(swedish_client, structure.people[Role.PROCESS_LEADER])
        response = swedish_client.post(self.edit_url(structure), data)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Chair Testsson sparade" in page and "Ordförandens uppdrag" in page
        assert "Mitt uppdrag" in page, "the editor's own text stays in the form"
        structure.nosam.refresh_from_db()
        assert structure.nosam.mandate == "Ordförandens uppdrag"
        # Having seen it, saving again is allowed.
        assert swedish_client.post(self.edit_url(structure), {**data, "version": 2}).status_code == 302

    def test_adding_a_second_chair_is_refused_with_a_message(
        self, structure, lgs_process_leader, swedish_client
    ):
        swedish_client.force_login(lgs_process_leader)
        response = swedish_client.post(
            reverse("governance:membership_add", args=[structure.nosam.slug]),
            {"person": "", "organisation": structure.region.pk, "role": "chair", "start_date": "2024-03-01"},
        )
        assert response.status_code == 200
        assert "har redan en ordförande" in response.content.decode()
        assert Membership.objects.filter(body=structure.nosam, role=Role.CHAIR).count() == 1

    def test_adding_a_seat_grants_its_permissions(self, structure, client):
        newcomer = structure.outsider
        person = Person.objects.create(
            first_name="Nils", last_name="Ny", organisation=structure.town, user=newcomer
        )
        login(client, structure.people[Role.CHAIR]).post(
            reverse("governance:membership_add", args=[structure.nosam.slug]),
            {"person": person.pk, "organisation": "", "role": "member", "start_date": "2024-03-01"},
        )
        newcomer = type(newcomer).objects.get(pk=newcomer.pk)
        assert newcomer.has_perm("governance.take_stance", structure.nosam)

    def test_ending_a_seat_keeps_it_in_history(self, structure, client):
        seat = Membership.objects.get(person__user=structure.people[Role.MEMBER])
        login(client, structure.people[Role.PROCESS_LEADER])
        url = reverse("governance:membership_end", args=[structure.nosam.slug, seat.pk])
        assert client.post(url, {"end_date": "2024-06-30", "version": seat.version}).status_code == 302
        seat.refresh_from_db()
        assert seat.end_date == D(2024, 6, 30)
        page = client.get(body_url(structure.nosam)).content.decode()
        assert "En tidigare plats" in page and "Member Testsson, ledamot" in page

    def test_a_seat_of_another_body_is_not_found(self, structure, client):
        seat = Membership.objects.create(body=structure.lgs, organisation=structure.town, role=Role.MEMBER)
        login(client, structure.people[Role.PROCESS_LEADER])
        url = reverse("governance:membership_edit", args=[structure.nosam.slug, seat.pk])
        assert client.get(url).status_code == 404


def test_a_chair_past_the_terms_end_is_flagged(structure, client):
    Membership.objects.create(
        body=structure.theme,
        organisation=structure.region,
        role=Role.CHAIR,
        person=Person.objects.create(first_name="Gammal", last_name="Ordf", organisation=structure.region),
        start_date=D(2020, 1, 1),
    )
    page = client.get(body_url(structure.theme)).content.decode()
    assert "Ordförandes mandatperiod gick ut den 30 juni 2021: det är dags att utse en ny ordförande." in page


class TestAddingAPersonWithTheirSeat:
    def url(self, structure):
        return reverse("governance:membership_add", args=[structure.lgs.slug])

    def test_a_new_person_is_created_with_the_seat(self, structure, client):
        structure.seat(structure.lgs, Role.PROCESS_LEADER, username="lgspl")
        client.force_login(type(structure.outsider).objects.get(username="lgspl"))
        response = client.post(
            self.url(structure),
            {
                "new_first_name": "Greta",
                "new_last_name": "Nilsson",
                "new_title": "Förvaltningschef",
                "new_email": "greta@example.se",
                "organisation": structure.town.pk,
                "role": "member",
                "start_date": "2025-01-01",
            },
        )
        assert response.status_code == 302
        seat = Membership.objects.get(person__last_name="Nilsson")
        assert seat.body == structure.lgs and seat.represents == structure.town
        assert seat.person.title == "Förvaltningschef"

    def test_a_half_filled_new_person_is_refused_and_nothing_is_saved(self, structure, swedish_client):
        structure.seat(structure.lgs, Role.CHAIR, username="lgschair")
        swedish_client.force_login(type(structure.outsider).objects.get(username="lgschair"))
        response = swedish_client.post(
            self.url(structure),
            {
                "new_first_name": "Greta",
                "organisation": "",
                "role": "member",
                "start_date": "2025-01-01",
            },
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "En ny person behöver både förnamn och efternamn." in page
        assert "Ange vilken organisation den nya personen arbetar i." in page
        assert 'value="Greta"' in page
        assert not Person.objects.filter(first_name="Greta").exists()


def render_test_section(request, body, permissions):
    from django.utils.html import format_html

    return format_html(
        "<section><h2>Avsnitt för {}</h2><p>{}</p></section>", body.name, ", ".join(sorted(permissions))
    )


def test_other_apps_add_sections_to_the_body_page(structure, client, settings):
    settings.BODY_PAGE_SECTIONS = ["tests.governance.test_pages.render_test_section"]
    client.force_login(structure.people[Role.COMMUNICATOR])
    page = client.get(body_url(structure.nosam)).content.decode()
    assert "<h2>Avsnitt för NOSAM Testby</h2>" in page
    assert "<p>publish_minutes, view_internal</p>" in page, "the section gets the visitor's permissions"
