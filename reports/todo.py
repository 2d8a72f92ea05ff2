"""What the annual report leaves for a person to do (``samverkan.todo``): sections to write or
returned to them, sections waiting for their review, and a report ready for adoption. One query
per kind; states and permissions come from ``ReportSection.lifecycle``,
``AnnualReport.lifecycle`` and the role map."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.permissions import seat_bodies
from samverkan.todo import Kind, Row

from .models import AnnualReport, ReportSection

COLLECTING = AnnualReport.lifecycle.transition("adopt").source


def _sections(user, move, writers):
    """Sections of reports being collected in the source states of ``move``, of the bodies
    (``writers``: the section's own; else the report's adopting body) where the user's seats
    grant the move's permission."""
    t = ReportSection.lifecycle.transition(move)
    bodies = seat_bodies(user, t.permission)
    where = {"body__in": bodies} if writers else {"report__adopting_body__in": bodies}
    return (
        ReportSection.objects.filter(status__in=t.source, report__status__in=COLLECTING, **where)
        .select_related("report", "body")
        .order_by("report__due_date", "order", "pk")
    )


def _write_row(section, today):
    return Row(
        title=section.heading,
        context=section.report.display_title,
        url=reverse("reports:section_edit", args=[section.report.year, section.pk]),
        action=str(_("Write the section")),
        uid=f"section-write-{section.pk}",
        due=section.report.due_date,
        note=(
            str(_("Returned to you: %(comment)s") % {"comment": section.return_comment})
            if section.is_returned
            else ""
        ),
    )


SECTIONS_TO_WRITE = Kind(
    key="sections-write",
    heading=_("Annual report sections to write"),
    pending=lambda user, today: _sections(user, "submit", writers=True),
    row=_write_row,
    due_label=_("Due"),
    in_calendar=True,
)


def _review_row(section, today):
    return Row(
        title=section.heading,
        context=section.report.display_title,
        url=section.get_absolute_url(),
        action=str(_("Review the section")),
        uid=f"section-review-{section.pk}",
    )


SECTIONS_TO_REVIEW = Kind(
    key="sections-review",
    heading=_("Annual report sections to review"),
    pending=lambda user, today: _sections(user, "accept", writers=False),
    row=_review_row,
)


def _reports_to_adopt(user, today):
    """Reports being collected with every section ready, adopted by a body of the user's seats."""
    move = AnnualReport.lifecycle.transition("adopt")
    waiting = ReportSection.objects.filter(report=OuterRef("pk")).pending()
    return (
        AnnualReport.objects.filter(
            status__in=move.source, adopting_body__in=seat_bodies(user, move.permission)
        )
        .filter(~Exists(waiting))
        .only("year", "title")
        .order_by("year")
    )


def _adopt_row(report, today):
    return Row(
        title=report.display_title,
        context=str(_("Every section is ready.")),
        url=report.get_absolute_url(),
        action=str(_("Adopt the report")),
        uid=f"report-adopt-{report.pk}",
    )


REPORTS_TO_ADOPT = Kind(
    key="report-adopt", heading=_("Annual reports to adopt"), pending=_reports_to_adopt, row=_adopt_row
)
