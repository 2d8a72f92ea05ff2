"""Swedish everywhere a user looks: the admin of the third-party apps (their catalogues are in
locale/thirdparty/), no "---------" as an empty choice, no field label twice in a form, no group
kind repeated after a name that already says it."""

import gettext
import html
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from actionplans.models import ActionPlan, Activity, Goal
from governance.models import Membership, Organisation
from meetings.models import Meeting
from samverkan.schedules import sync_beat_schedule

THIRD_PARTY = settings.BASE_DIR / "locale" / "thirdparty" / "sv" / "LC_MESSAGES" / "django.mo"


def _text(response):
    assert response.status_code == 200, response.status_code
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_third_party_label_has_its_swedish_translation_in_effect():
    """Each msgid of the shipped catalogue translates to its msgstr: nothing of higher precedence
    (the project's catalogue) says otherwise, and the catalogue is on LOCALE_PATHS."""
    with open(THIRD_PARTY, "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)._catalog
    singular = {key: value for key, value in catalogue.items() if isinstance(key, str) and key}
    assert len(singular) > 150
    with translation.override("sv"):
        for msgid, msgstr in singular.items():
            assert translation.gettext(msgid) == msgstr, msgid
        assert (
            translation.ngettext(
                "{0} task was successfully enabled", "{0} tasks were successfully enabled", 2
            )
            == "{0} uppgifter aktiverades"
        )


def test_the_admin_of_celery_beat_axes_and_the_history_is_swedish(admin_client):
    sync_beat_schedule()
    IntervalSchedule.objects.create(every=5, period=IntervalSchedule.MINUTES)
    admin_client.post(reverse("admin:login"), {"username": "nobody", "password": "wrong"})  # an attempt
    task = PeriodicTask.objects.get(name="daily-annual-cycle")
    crontab = CrontabSchedule.objects.get(pk=task.crontab_id)
    pages = {
        "admin:index": (),
        "admin:django_celery_beat_periodictask_changelist": (),
        "admin:django_celery_beat_periodictask_change": (task.pk,),
        "admin:django_celery_beat_crontabschedule_changelist": (),
        "admin:django_celery_beat_crontabschedule_change": (crontab.pk,),
        "admin:django_celery_beat_intervalschedule_changelist": (),
        "admin:django_celery_beat_intervalschedule_add": (),
        "admin:django_celery_beat_solarschedule_add": (),
        "admin:django_celery_beat_clockedschedule_add": (),
        "admin:axes_accessattempt_changelist": (),
        "admin:axes_accesslog_changelist": (),
        "admin:axes_accessfailurelog_changelist": (),
        "admin:governance_organisation_history": (
            Organisation.objects.create(name="Region Test", slug="region-test", kind="region").pk,
        ),
    }
    text = " ".join(_text(admin_client.get(reverse(name, args=args))) for name, args in pages.items())
    for swedish in (
        "Schemalagda uppgifter",
        "Intervallschema",
        "Cron-schema",
        "Solschema",
        "Schema med klockslag",
        "Aktivera markerade uppgifter",
        "Positionsargument",
        "Vid 06:00 (Europe/Stockholm)",
        "var 5 minuter",
        "Inloggningsskydd",
        "Inloggningsförsök",
        "Misslyckade inloggningar",
        "IP-adress",
        "Webbläsare (user agent)",
        "Ändringshistorik",
        "Anledning",
    ):
        assert swedish in text, swedish
    for english in (
        "Axes",
        "Periodic Tasks",
        "Interval Schedule",
        "Crontab Schedule",
        "Task Name",
        "Crontab translation",
        "Human readable",
        "Scheduler",
        "At 06:00",
        "Access attempts",
        "Access logs",
        "IP Address",
        "User Agent",
        "Change reason",
        "Changed by",
    ):
        assert english not in text, english
    # The meetings' "Minutes" (a record, with a context) is not the period of time of an interval.
    interval = _text(admin_client.get(reverse("admin:django_celery_beat_intervalschedule_add")))
    assert "Minuter" in interval and "Minnesanteckningar" not in interval


def test_the_project_models_show_swedish_labels_in_the_admin(admin_client):
    text = " ".join(
        _text(admin_client.get(reverse(name)))
        for name in (
            "admin:meetings_meeting_add",
            "admin:meetings_decision_add",
            "admin:meetings_stance_add",
            "admin:meetings_attachment_add",
            "admin:reports_sentreminder_add",
            "admin:reports_annualreport_add",
            "admin:reports_cycleevent_changelist",
            "admin:reports_reportsection_changelist",
        )
    )
    for swedish in ("Godkänd av:", "Publicerad av:", "Registrerad av:", "Uppladdad av:", "Användare:"):
        assert swedish in text, swedish
    for english in ("Approved by", "Published by", "Recorded by", "Uploaded by", "User:", "Body:", "Heading"):
        assert english not in text, english
    report = _text(admin_client.get(reverse("admin:reports_annualreport_add")))
    assert "Hänvisning till beslutet:" in report and report.count("Beslut:") == 1


@pytest.fixture
def demo(demo_users):
    return demo_users


def _form_pages(client, user):
    """Every page of the demo that has a form with a choice, as its editors see it."""
    client.force_login(user)
    plan = ActionPlan.objects.filter(body__slug="nosam-gbg-sydvast", status=ActionPlan.Status.DRAFT).first()
    # The demo follows the calendar: the plan in force is whichever one is adopted on the demo's day.
    adopted = ActionPlan.objects.get(body__slug="nosam-gbg-sydvast", status=ActionPlan.Status.ADOPTED)
    seat = Membership.objects.filter(body__slug="lgs").exclude(person__user=user).first()
    meeting = (
        Meeting.objects.filter(body__slug="lgs").exclude(status=Meeting.Status.PLANNED).order_by("-date")
    )
    urls = [
        reverse("actionplans:plan_create", args=["nosam-gbg-sydvast"]),
        # The plans' own addresses: the draft may be a revision of the adopted plan's period.
        plan.url("goal_add"),
        plan.url("goal_edit", Goal.objects.filter(plan=plan).first().pk),
        adopted.url("followup_add", Activity.objects.filter(plan=adopted).first().pk),
        reverse("governance:membership_add", args=["lgs"]),
        reverse("governance:membership_edit", args=["lgs", seat.pk]),
        reverse("reports:report_detail", args=[2025]),
    ]
    for m in meeting[:3]:
        urls += [
            reverse(f"meetings:{name}", args=[m.pk]) for name in ("meeting_detail", "attendance", "minutes")
        ]
    return {url: client.get(url) for url in urls}


def _labels(html):
    """The field labels and bold lead-ins ("Beslut:") of each part of a page: an agenda item's
    part of the minutes, and each form apart from those."""
    items = r'<section id="item-\d+".*?</section>'
    forms = re.findall(r"<form\b.*?</form>", re.sub(items, "", html, flags=re.S), re.S)
    for part in [*re.findall(items, html, re.S), *forms]:
        found = re.findall(
            r"<label[^>]*for=\"(?!id_person_)[^\"]*\"[^>]*>(.*?)</label>|<strong>(.*?)</strong>", part, re.S
        )
        yield [re.sub(r"<[^>]+>|\s+", " ", label or strong).strip() for label, strong in found]


def test_no_form_offers_dashes_as_an_empty_choice_or_labels_two_fields_alike(demo, client):
    pages = _form_pages(client, demo["admin"])
    for url, response in pages.items():
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "---------" not in html, url
        for labels in _labels(html):
            doubled = {label for label in labels if labels.count(label) > 1 and label.endswith(":")}
            assert not doubled, (url, doubled)
    assert any("<select" in r.content.decode() for r in pages.values())
    minutes = "".join(r.content.decode() for url, r in pages.items() if url.endswith("/protokoll/"))
    assert "<strong>Utfall:</strong>" in minutes  # a recorded decision's outcome, its text in the form


def test_a_group_kind_is_not_repeated_after_a_name_that_says_it(demo, client):
    chart = client.get(reverse("governance:organisation_chart")).content.decode()
    kinds = re.findall(r'<a href="[^"]*">([^<]*)</a>\s*<span class="kind">([^<]*)</span>', chart)
    assert ("Vårdsamverkan i Göteborgsområdet", "Delregion") in kinds  # other kinds are still shown
    assert not [(name, kind) for name, kind in kinds if name.startswith(kind)]
    assert "Politiskt samråd" in chart
    body = client.get(reverse("governance:body_detail", args=["politiskt-samrad"])).content.decode()
    assert "<h1>Politiskt samråd</h1>" in body and 'class="kind-label"' not in body
    region = client.get(reverse("governance:body_detail", args=["vardsamverkan-i-goteborgsomradet"]))
    assert '<p class="kind-label">Delregion</p>' in region.content.decode()


def test_permissions_are_named_in_swedish_in_the_user_and_group_admin(admin_client, admin_user):
    """Django stores "Can add meeting" once, in English; the admin's permission lists name each
    permission in Swedish from its model (default ones) or its declaration (the role map's)."""
    pages = [reverse("admin:auth_group_add"), reverse("admin:auth_user_change", args=[admin_user.pk])]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200
        options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", response.content.decode())
        labels = [html.unescape(option) for option in options if option.count(" | ") == 2]
        assert len(labels) > 100, url
        assert "Möten och beslut | möte | Kan lägga till möte" in labels
        assert "Möten och beslut | historik för möte | Kan visa historik för möte" in labels
        assert "Samverkansstruktur | grupp | Godkänna minnesanteckningar" in labels
        assert "Samverkansstruktur | grupp | Kan visa grupp" in labels
        english = re.compile(r"\| (Can|Read|Edit|Approve) |historical|object permission")
        assert [label for label in labels if english.search(label)] == []
