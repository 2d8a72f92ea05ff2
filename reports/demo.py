"""Demo data of the annual cycle: the årshjul, the adopted 2024 report and the 2025 one in progress.

The 2024 report is the real Årsrapport 2024 (``demo/arsrapport_2024.md``, a copy of seed
000 with the content owner replaced by an invented person), split into its sections in the
fixed order of its table of contents. ``load_demo`` is idempotent; it does not build the PDF
(that takes seconds): the first download builds it through the Celery task.
"""

import datetime
import re
from collections import Counter

from django.db import transaction
from django.utils import timezone

from governance.demo import _email, _upsert, acting
from governance.models import Body, BodyKind
from governance.permissions import REVIEW_REPORT_SECTIONS, WRITE_REPORT_SECTION
from samverkan.demo import DATA, compose, data, nth_weekday, stamped

from .facts import frozen_facts
from .models import AnnualReport, CycleEvent, ReportSection, section_order
from .services import (
    cycle_run,
    report_adopt,
    section_accept,
    section_mark_not_applicable,
    section_return,
    section_save,
)

SEED = DATA / "arsrapport_2024.md"
LGS = "lgs"

# (heading in the table of contents, body that writes it, thematic section)
SECTIONS_2024 = [(s["title"], s["body"], s.get("thematic", False)) for s in data("reports")["sections_2024"]]
THEMATIC_TITLES = [title for title, _slug, thematic in SECTIONS_2024 if thematic]
CONTENT_OWNER = (data("reports")["content_owner"], _email(data("reports")["content_owner"]))
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
APPENDIX_LINK = re.compile(r"^\[Mål, aktiviteter och utfall för .*\]\(#\)\s*$")
SUMMARY_HEADING = re.compile(r"^(Sammanfattning|Summering)( och analys)?$")
DEVELOPMENT_HEADING = "Utvecklingsområden och åtgärder för ökad måluppfyllelse"


def _tables(lines):
    """Tab-separated rows (as the seed has them) become Markdown tables."""
    out, table = [], []
    for line in lines + [""]:
        if "\t" in line:
            table.append([cell.strip() for cell in line.split("\t")])
            continue
        if table:
            width = max(len(row) for row in table)
            rows = [row + [""] * (width - len(row)) for row in table]
            out += ["", "| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
            out += ["| " + " | ".join(row) + " |" for row in rows[1:]]
            out.append("")
            table = []
        out.append(line)
    return out[:-1]


def _clean(lines):
    text = "\n".join(_tables(lines))
    text = re.sub(r"</?b>", "**", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _split_section(lines, level):
    """(summary, body text, development areas) of one section's lines."""
    normalised = []
    for line in lines:
        if APPENDIX_LINK.match(line.strip()):
            continue  # the goals/outcomes appendix is generated from the action plans
        match = HEADING.match(line)
        if match:
            depth = len(match.group(1)) - level
            title = match.group(2).replace("**", "").strip()
            normalised.append(("#" * (3 if depth <= 1 else 4)) + " " + title)
        else:
            normalised.append(line)
    summary, development, body = [], [], []
    index = 0
    while index < len(normalised):
        line = normalised[index]
        title = line.lstrip("#").strip() if line.startswith("#") else None
        if title and not summary and SUMMARY_HEADING.match(title):
            index += 1
            while index < len(normalised) and not normalised[index].startswith("#"):
                summary.append(normalised[index])
                index += 1
            continue
        if title and title.startswith(DEVELOPMENT_HEADING):
            rest = title[len(DEVELOPMENT_HEADING) :].strip()
            development = ([rest[0].upper() + rest[1:] + ":", ""] if rest else []) + normalised[index + 1 :]
            break
        body.append(line)
        index += 1
    return _clean(summary), _clean(body), _clean(development)


def parse_report(text):
    """{heading: (summary, body text, development areas)} for every section of seed 000."""
    lines = text.splitlines()
    starts = []
    for title, _slug, _thematic in SECTIONS_2024:
        for number, line in enumerate(lines):
            match = HEADING.match(line)
            if match and match.group(2) == title and len(match.group(1)) <= 2:
                starts.append((number, len(match.group(1)), title))
                break
        else:
            raise ValueError(f"Section {title!r} not found in {SEED.name}")
    parsed = {}
    for i, (number, level, title) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(lines)
        parsed[title] = _split_section(lines[number + 1 : end], level)
    return parsed


# --- The årshjul (Samverkansplan 2024–2025), plus the events that drive the report ---------------

A = CycleEvent.Action
S = ReportSection.Status
# (month, day, end month, title, description, action, responsible body, target bodies, target kinds)
EVENTS = [
    (e["month"], e.get("day"), e.get("end_month"), e["title"], e.get("description", ""), e["action"],
     e["responsible"], e.get("bodies", []), e.get("kinds", []))
    for e in data("reports")["events"]
]  # fmt: skip


def _events(bodies, kinds, tally):
    events = []
    for month, day, end_month, title, description, action, responsible, named, kind_names in EVENTS:
        event = _upsert(
            CycleEvent,
            {"title": title},
            {
                "month": month,
                "day": day,
                "end_month": end_month,
                "description": description,
                "action": action,
                "responsible_body": bodies[responsible],
                "thematic_titles": "\n".join(THEMATIC_TITLES) if action == A.OPEN_SECTIONS else "",
                "is_active": True,
            },
            tally,
        )
        wanted_bodies = {bodies[slug].pk for slug in named}
        if set(event.target_bodies.values_list("pk", flat=True)) != wanted_bodies:
            event.target_bodies.set(wanted_bodies)
        wanted_kinds = {kinds[name].pk for name in kind_names}
        if set(event.target_kinds.values_list("pk", flat=True)) != wanted_kinds:
            event.target_kinds.set(wanted_kinds)
        events.append(event)
    return events


def _report_2024(bodies, tally):
    lgs = bodies[LGS]
    report = _upsert(
        AnnualReport,
        {"year": 2024},
        {
            "status": AnnualReport.Status.ADOPTED,
            "adopting_body": lgs,
            "opened_on": datetime.date(2024, 12, 1),
            "due_date": datetime.date(2025, 1, 31),
            "adopted_on": datetime.date(2025, 1, 29),
            "decision": _adoption_decision(lgs),
            "decision_reference": "LGS möte 2025-01-29: LGS godkänner årsrapporten.",
            "content_owner_name": CONTENT_OWNER[0],
            "content_owner_email": CONTENT_OWNER[1],
        },
        tally,
    )
    parsed = parse_report(SEED.read_text(encoding="utf-8"))
    thematic_index = 0
    for title, slug, thematic in SECTIONS_2024:
        body = bodies[slug]
        summary, text, development = parsed[title]
        if thematic:
            lookup = {"report": report, "is_thematic": True, "title": title}
            order = section_order(None, thematic_index)
            thematic_index += 1
        else:
            lookup = {"report": report, "is_thematic": False, "body": body}
            order = section_order(body)
        section = _upsert(
            ReportSection,
            lookup,
            {
                "body": body,
                "title": title,
                "order": order,
                "status": ReportSection.Status.ACCEPTED,
                "summary": summary,
                "body_text": text,
                "development_areas": development,
            },
            tally,
        )
        # Facts are frozen as at adoption: take them from the apps loaded before this one.
        facts = [] if thematic else frozen_facts(body, 2024)
        if section.facts_snapshot != facts:
            section.facts_snapshot = facts
            section.save(update_fields=["facts_snapshot"])
    return report


def _yearly(year, bodies, today):
    """The report of ``year`` as the årshjul has it on ``today``, through the services: opened by
    the årshjul's own step, its sections written, submitted, returned or accepted as
    demo/reports.toml says, then all accepted and the report adopted at LGS's March meeting."""
    config = data("reports")
    opened = datetime.date(year, config["opened"]["month"], config["opened"]["day"])
    if opened > today:
        return
    spec = config["adopted"]
    adopted = nth_weekday(year + 1, spec["month"], spec["week"], spec["weekday"])
    done = adopted <= today
    report = AnnualReport.objects.filter(year=year).first()
    if report is not None and (report.is_adopted or not done):
        return  # opened once, then left to its writers until the adoption
    lgs = bodies[LGS]
    reviewer = acting(lgs, REVIEW_REPORT_SECTIONS)
    if report is None:
        with stamped(opened):
            cycle_run(opened, catch_up_days=0)  # the request: the report and its sections
            report = AnnualReport.objects.get(year=year)
            report.content_owner_name, report.content_owner_email = CONTENT_OWNER
            report.save(update_fields=["content_owner_name", "content_owner_email"])
    when = adopted if done else min(today, opened + datetime.timedelta(days=config["written_days"]))
    sections = report.sections.select_related("body").order_by("order", "pk")
    with stamped(when):
        for index, section in enumerate(sections.filter(is_thematic=True)):
            wanted = S.NOT_APPLICABLE if index == 0 else (S.ACCEPTED if done else S.REQUESTED)
            _walk(section, wanted, reviewer, reviewer, year)
        for section in sections.filter(is_thematic=False):
            wanted = S.ACCEPTED if done else config["progress"].get(section.body.slug, S.REQUESTED)
            _walk(section, wanted, acting(section.body, WRITE_REPORT_SECTION), reviewer, year)
        if done:
            report_adopt(
                report=report,
                user=reviewer,
                adopted_on=adopted,
                decision=_adoption_decision(lgs, year),
                decision_reference=f"LGS möte {adopted:%Y-%m-%d}: LGS fastställer årsrapporten.",
            )


def _walk(section, wanted, writer, reviewer, year):
    """Move ``section`` to ``wanted`` the way its writers and LGS would: write, submit, return or
    accept (a section already there, or frozen, is left as it is)."""
    if section.status in {wanted, *ReportSection.READY}:
        return
    if wanted == S.NOT_APPLICABLE:
        section_mark_not_applicable(section=section, user=reviewer)
        return
    if section.status in ReportSection.WRITING:
        key = section.body.slug if not section.is_thematic else section.title
        section.body_text = section.body_text or compose(key, year, "text", sentences=5)
        if not section.is_thematic:
            section.summary = section.summary or compose(key, year, "summary", sentences=2)
            section.development_areas = section.development_areas or compose(key, year, "development")
        section_save(section=section, user=writer, version=section.version, submit=wanted != S.DRAFT)
    if wanted == S.RETURNED:
        section_return(section=section, user=reviewer, comment=data("reports")["return_comment"])
    elif wanted == S.ACCEPTED:
        section_accept(section=section, user=reviewer)


def _adoption_decision(lgs, year=2024):
    """LGS's decision on the report of ``year`` in the meetings demo, when it is loaded."""
    from meetings.models import Decision

    return (
        Decision.objects.filter(item__meeting__body=lgs, item__title=f"Årsrapport {year}")
        .order_by("item__meeting__date")
        .first()
    )


@transaction.atomic
def load_demo(stdout=None, today=None):
    """Load the årshjul and the 2024 and 2025 reports (idempotent)."""
    tally = Counter()
    bodies = {body.slug: body for body in Body.objects.select_related("kind")}
    kinds = {kind.name: kind for kind in BodyKind.objects.all()}
    _events(bodies, kinds, tally)
    _report_2024(bodies, tally)
    today = today or timezone.localdate()
    for year in range(data("reports")["first_year"], today.year + 1):
        _yearly(year, bodies, today)
    if stdout is not None:
        stdout.write("Årshjul och årsrapporter:")
        for model, label in [(CycleEvent, "Händelser i årshjulet"), (AnnualReport, "Årsrapporter"),
                             (ReportSection, "Avsnitt")]:  # fmt: skip
            stdout.write(
                f"  {label}: {model.objects.count()} "
                f"({tally[model, 'created']} nya, {tally[model, 'changed']} ändrade)"
            )
