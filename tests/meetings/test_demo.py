"""The demo meetings: the figures of Årsrapport 2024, exactly, and a rerun changes nothing."""

import datetime

import pytest

from governance.demo import load_demo as load_governance
from meetings.demo import load_demo
from meetings.models import AgendaItem, Assignment, Attendance, Decision, Meeting, Stance
from tests.conftest import module_transaction


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module; each test runs in its own savepoint (a rerun is undone)."""
    with module_transaction(django_db_blocker):
        load_governance()
        load_demo()
        yield


@pytest.fixture
def demo(loaded, db):
    pass


def year_2024(slug):
    return Meeting.objects.filter(body__slug=slug, date__year=2024)


def test_lgs_2024_as_the_annual_report_says(demo):
    lgs = list(year_2024("lgs"))
    assert sum(m.kind == "regular" for m in lgs) == 3 and sum(m.kind == "extra" for m in lgs) == 4
    assert sum((m.duration for m in lgs), datetime.timedelta()) == datetime.timedelta(hours=14)
    for meeting in lgs:
        assert meeting.attendances.filter(status=Attendance.Status.PRESENT).count() == 15
    november = Decision.objects.get(
        item__meeting__body__slug="lgs", item__meeting__date=datetime.date(2024, 11, 20), outcome="decided"
    )
    assert "LGS BG upphör" in november.text and "Styrgrupp LGS" in november.text
    outcomes = set(Decision.objects.filter(item__meeting__in=lgs).values_list("outcome", flat=True))
    assert {"decided", "takes_note", "tabled", "referred_back", "approved"} <= outcomes
    assert AgendaItem.objects.filter(meeting__in=lgs, carried_from__isnull=False).count() == 2
    assert Assignment.objects.filter(body__slug="lgs", decision__item__meeting__date__year=2024).count() == 3


def test_nosams_theme_groups_and_lgs_bg(demo):
    for slug in ["nosam-harryda", "nosam-molndal", "nosam-gbg-sydvast"]:
        meetings = year_2024(slug)
        assert meetings.count() == 6
        assert meetings.filter(mode="physical").count() == 4 and meetings.filter(mode="digital").count() == 2
    assert year_2024("temagrupp-rehabilitering-och-habilitering").count() == 6
    bou = list(year_2024("temagrupp-barn-och-unga"))
    assert len(bou) == 5 and all(m.duration >= datetime.timedelta(hours=3) for m in bou)
    bg = list(year_2024("lgs-beredningsgrupp"))
    assert len(bg) == 7 and all(m.mode == "digital" for m in bg)
    assert sum((m.duration for m in bg), datetime.timedelta()) == datetime.timedelta(hours=8)


def test_the_calendar_has_coming_meetings_and_there_is_something_to_review(demo):
    assert Meeting.objects.filter(date__gt=datetime.date(2026, 11, 24)).count() >= 8
    assert Decision.objects.filter(outcome="", item__meeting__body__slug="lgs").exists()
    assert Stance.objects.exists()
    assert (
        Meeting.objects.filter(status="published").exclude(search_title="").count()
        == Meeting.objects.filter(status="published").count()
    )


def test_loading_twice_changes_nothing(demo):
    models = [Meeting, AgendaItem, Attendance, Decision, Stance, Assignment]
    before = {m.__name__: (m.objects.count(), m.history.count()) for m in models}
    load_demo()
    assert {m.__name__: (m.objects.count(), m.history.count()) for m in models} == before
