"""``generate_scale_data``: a deterministic, Swedish-looking data set of N sub-regions' ten years.

Each unit of the factor is one generated sub-region (``governance.scale``): six groups that meet
(``meetings.scale``) and write action plans (``actionplans.scale``), and sections for the annual
reports still collecting them (here). One unit is about the size of a county's ten years of
meetings: some 500 meetings with 5,000 agenda items and 50 plans with 2,000 activities. Units are
numbered and derived from ``seed`` and their number alone, so a run with a larger factor adds the
missing units to the same database (1× → 3× → 10×) and gives the same rows as a fresh run.

Texts are sentences of the seed documents (``scale_sentences.txt``: the annual report, the action
plan and the collaboration plan), so that full-text search meets realistic Swedish.
"""

import datetime
import random
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from actionplans.models import CollaborationPlan, FocusArea
from actionplans.scale import generate_plans
from governance import scale as structure
from meetings.scale import generate_meetings

from .models import AnnualReport, ReportSection, section_order

SENTENCES = Path(__file__).with_name("scale_sentences.txt")
PASSWORD = "Skala2026"  # every generated login's password (test data only)
REASON = "Genererad testdata"


class Text:
    """Sentences of the seed documents, picked by the caller's random generator."""

    def __init__(self):
        self.sentences = SENTENCES.read_text(encoding="utf-8").split("\n")[:-1]

    def sentence(self, rng):
        return rng.choice(self.sentences)

    def paragraph(self, rng, least, most):
        return " ".join(rng.sample(self.sentences, rng.randint(least, most)))


def generate(*, factor, seed=2026, first_year=2017, last_year=2026, log=print):
    """Add units 1..``factor`` that do not exist yet; returns the numbers of the units added."""
    years = list(range(first_year, last_year + 1))
    text = Text()
    password_hash = make_password(PASSWORD)
    kinds = structure.kinds()
    collaboration_plan = _collaboration_plan(first_year, last_year)
    added = []
    for number in range(1, factor + 1):
        if structure.unit_exists(number):
            continue
        rng = random.Random(f"{seed}-{number}")
        with transaction.atomic():
            unit = structure.generate_unit(
                number=number, rng=rng, first_year=first_year, password_hash=password_hash, kinds=kinds
            )
            meetings = generate_meetings(
                unit=unit,
                years=years,
                published_until=datetime.date(last_year, 9, 30),
                held_until=datetime.date(last_year, 11, 15),
                rng=rng,
                text=text,
            )
            plans = generate_plans(
                unit=unit,
                years=years,
                collaboration_plan=collaboration_plan,
                nosam_kind=kinds["nosam"],
                rng=rng,
                text=text,
            )
            sections = _sections(unit, last_year, rng, text)
        added.append(number)
        log(f"{unit.name}: {meetings} möten, {plans} handlingsplaner, {sections} årsrapportavsnitt")
    if added and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the planner's statistics, after a bulk load
    return added


def _collaboration_plan(first_year, last_year):
    """The newest collaboration plan (the demo's), or a generated one with two focus areas."""
    plan = CollaborationPlan.objects.order_by("-period").first()
    if plan is None:
        plan = CollaborationPlan.objects.create(
            period=f"{first_year}-{last_year}",
            title="Samverkansplan (genererad)",
            overarching_goal="Samverkan mellan kommun och region ska utjämna skillnader i hälsa.",
        )
        for order, name in enumerate(
            ["Trygga, säkra och effektiva vårdövergångar", "Främja hälsa och förebygga ohälsa"]
        ):
            FocusArea.objects.create(collaboration_plan=plan, name=name, order=order)
    return plan


def _sections(unit, last_year, rng, text):
    """A section of each of the unit's groups in every report still collecting them (the last
    year's report is created when there is none)."""
    if not AnnualReport.objects.filter(year=last_year).exists():
        AnnualReport.objects.create(
            year=last_year,
            adopting_body=unit.leadership,
            opened_on=datetime.date(last_year, 11, 1),
            due_date=datetime.date(last_year + 1, 1, 31),
        )
    sections = []
    for report in AnnualReport.objects.filter(status=AnnualReport.Status.COLLECTING):
        for body in unit.meeting_bodies:
            status = rng.choices(
                [ReportSection.Status.ACCEPTED, ReportSection.Status.SUBMITTED, ReportSection.Status.DRAFT],
                weights=[6, 2, 2],
            )[0]
            written = status != ReportSection.Status.DRAFT
            sections.append(
                ReportSection(
                    report=report,
                    body=body,
                    order=section_order(body),
                    status=status,
                    summary=text.paragraph(rng, 2, 3),
                    body_text="\n\n".join(text.paragraph(rng, 3, 5) for _ in range(3)),
                    development_areas=text.paragraph(rng, 1, 3),
                    submitted_at=timezone.now() if written else None,
                    reviewed_at=timezone.now() if status == ReportSection.Status.ACCEPTED else None,
                )
            )
    bulk_create_with_history(sections, ReportSection, default_change_reason=REASON)
    return len(sections)
