"""The admin shows the lifecycle read-only: frozen objects cannot be changed there, and a change
claims the version like every other write."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from reports.models import AnnualReport, ReportSection


def _admin(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.se", "pw"))


def test_an_adopted_report_and_an_accepted_section_are_view_only(opened, client):
    _admin(client)
    report = opened.report()
    report.sections.update(status=ReportSection.Status.ACCEPTED)
    AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReport.Status.ADOPTED)
    section = opened.section(opened.structure.nosam)
    for url in (
        reverse("admin:reports_annualreport_change", args=[report.pk]),
        reverse("admin:reports_reportsection_change", args=[section.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert client.post(url, {"title": "Ändrad"}).status_code == 403
    report.refresh_from_db()
    assert report.title == ""


def test_a_change_in_the_admin_moves_the_version_on_and_records_who(opened, client):
    _admin(client)
    section = opened.section(opened.structure.nosam)
    url = reverse("admin:reports_reportsection_change", args=[section.pk])
    page = client.get(url).content.decode()
    assert 'name="status"' not in page  # the lifecycle's field is read-only
    data = {
        "report": section.report_id,
        "body": section.body_id,
        "title": "",
        "order": section.order,
        "summary": "Rättat stavfel.",
        "body_text": "",
        "development_areas": "",
    }
    assert client.post(url, data).status_code == 302
    before = section.version
    section.refresh_from_db()
    assert (section.summary, section.version) == ("Rättat stavfel.", before + 1)
    last = section.history.first()
    assert (last.history_user.username, last.history_change_reason) == ("root", "Ändrat i administrationen")
