"""The daily run over a simulated year: one request per body, each reminder once, catch-up."""

import datetime

from django.core import mail
from django.utils import timezone

from reports.models import AnnualReport, CycleEvent, ReportSection, SentReminder
from reports.services import cycle_run


def days(start, end):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def messages_to(address):
    return [m.subject for m in mail.outbox if address in m.to]


def test_a_year_of_daily_runs_requests_each_section_once_and_reminds_once_each(cycle):
    s = cycle.structure
    for day in days(datetime.date(2025, 11, 1), datetime.date(2026, 10, 31)):
        cycle_run(day)
        cycle_run(day)  # beat fired twice (or two workers): nothing is sent twice
    report = AnnualReport.objects.get()
    assert (report.year, report.due_date, report.opened_on) == (
        2025,
        datetime.date(2026, 1, 31),
        datetime.date(2025, 12, 1),
    )
    assert report.adopting_body == s.lgs
    sections = list(report.sections.order_by("order"))
    assert [(x.body, x.is_thematic) for x in sections] == [
        (s.lgs, False),
        (s.theme, False),
        (s.nosam, False),
        (s.lgs, True),
    ]
    # The NOSAM's chair and process leader: a request, a reminder, an overdue notice.
    for role in ("chair", "process_leader"):
        subjects = messages_to(f"{role}@example.se")
        assert len(subjects) == 3, subjects
        assert subjects[0].startswith("Begäran")
        assert subjects[1].startswith("Påminnelse")
        assert subjects[2].startswith("Försenat")
    assert messages_to("member@example.se") == []  # members are not asked
    assert SentReminder.objects.count() == 3 * 3  # three bodies (LGS covers its theme) × three events


def test_a_missed_day_is_caught_up_the_next_day(cycle):
    cycle_run(datetime.date(2025, 11, 30))
    # 1 December: the worker was down. 2 December catches up.
    cycle_run(datetime.date(2025, 12, 2))
    assert AnnualReport.objects.get().opened_on == datetime.date(2025, 12, 1)
    assert len(messages_to("chair@example.se")) == 1
    cycle_run(datetime.date(2025, 12, 3))
    assert len(messages_to("chair@example.se")) == 1


def test_a_submitted_section_gets_no_reminder(opened):
    s = opened.structure
    section = opened.section(s.nosam)
    section.summary = "Klart."
    section.status = ReportSection.Status.SUBMITTED
    section.save()
    mail.outbox.clear()
    cycle_run(datetime.date(2026, 1, 17))
    assert messages_to("chair@example.se") == []
    assert messages_to("theme_chair@example.se") != []


def test_an_adopted_report_is_not_reopened(opened):
    report = opened.report()
    report.sections.update(status=ReportSection.Status.ACCEPTED)
    AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReport.Status.ADOPTED)
    mail.outbox.clear()
    SentReminder.objects.all().delete()
    cycle_run(datetime.date(2025, 12, 1))
    assert mail.outbox == []


def test_a_body_added_later_gets_its_request_on_the_next_run_only_if_within_the_catch_up(opened):
    s = opened.structure
    from governance.models import Body

    new = Body.objects.create(name="NOSAM Ny", slug="nosam-ny", kind=s.local_kind, parent=s.lgs)
    cycle_run(datetime.date(2025, 12, 5))
    assert opened.section(new).status == ReportSection.Status.REQUESTED
    assert AnnualReport.objects.get().sections.filter(body=new).count() == 1


def test_the_daily_task_runs_the_cycle_of_today(cycle, settings):
    from reports.tasks import run_annual_cycle

    assert settings.CELERY_BEAT_SCHEDULE["daily-annual-cycle"]["task"] == "reports.tasks.run_annual_cycle"
    today = timezone.localdate()
    CycleEvent.objects.exclude(pk=cycle.open.pk).update(is_active=False)
    CycleEvent.objects.filter(pk=cycle.open.pk).update(month=today.month, day=today.day)
    summary = run_annual_cycle.delay().get()
    # Today's request: the report, a section per body and the theme, one message per body.
    assert summary == {"reports_created": 1, "sections_created": 4, "messages": 3}
    report = AnnualReport.objects.get()
    assert (report.opened_on, report.sections.count()) == (today, 4)
    assert len(mail.outbox) == 3 and all(m.subject.startswith("Begäran") for m in mail.outbox)


def test_the_ended_body_gets_no_request(cycle):
    s = cycle.structure
    s.nosam.end_date = datetime.date(2025, 6, 30)
    s.nosam.save()
    cycle_run(datetime.date(2025, 12, 1))
    assert not ReportSection.objects.filter(body=s.nosam).exists()
