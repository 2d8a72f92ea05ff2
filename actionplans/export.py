"""PDF (WeasyPrint, PDF/UA) and XLSX (openpyxl) exports of an action plan, in the shape of the paper
plans. An adopted version's PDF is built once per state and served as a file (``samverkan.pdf``)."""

from io import BytesIO

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from samverkan.pdf import open_public_pdf

from .queries import PlanRows, last_changed


def filename(plan):
    return f"handlingsplan-{plan.period}-{slugify(plan.body.name)}"


def plan_html(plan):
    rows = PlanRows(plan)
    with translation.override("sv"):
        return render_to_string(
            "actionplans/pdf.html", {"plan": plan, "rows": rows, "last_changed": last_changed(plan)}
        )


def open_plan_pdf(plan):
    """An adopted (public) plan version's PDF, opened; built if its current state has none yet.
    The state includes follow-ups and activity statuses, which change on a plan in force."""
    if not plan.is_public:
        raise ValueError("Only adopted plan versions have a public PDF.")
    return open_public_pdf(plan, folder="handlingsplaner", html=plan_html(plan))


def ensure_plan_pdf(plan):
    """Build an adopted plan version's PDF ahead of the first request (e.g. on adoption)."""
    open_plan_pdf(plan).close()


# Text a spreadsheet would take for a formula (or, after a tab or CR, shows as one when edited).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _append_text(sheet, values):
    """Append a row whose text stays text: never a live formula (``=HYPERLINK(…)``), an error
    value (``#N/A``) or a control character openpyxl refuses. Text that starts like a formula
    gets Excel's quote prefix, so that it is shown, and kept on editing, as typed."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith(FORMULA_START):
                cell.quotePrefix = True


def plan_xlsx(plan):
    """One sheet, one row per activity (a goal without activities gets a row of its own)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = PlanRows(plan)
    with translation.override("sv"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = f"Handlingsplan {plan.period}"[:31]
        headers = [
            "Fokusområde",
            "Delmål",
            "Aktivitet/Vad?",
            "Tillvägagångssätt/Hur?",
            "Uppföljning/Utfall",
            "Ansvarig",
            "Tidsram",
            "Status",
            "Senaste uppföljning",
            "Datum",
        ]
        _append_text(sheet, [f"Handlingsplan {plan.period} – {plan.body.name}"])
        sheet["A1"].font = Font(bold=True, size=14)
        _append_text(
            sheet,
            [f"Status: {plan.get_status_display()}"]
            + ([f"Fastställd: {plan.first_adopted_on}"] if plan.adopted_on else [])
            + ([f"Reviderad: {plan.adopted_on}"] if plan.adopted_on and plan.revision > 1 else []),
        )
        _append_text(sheet, headers)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        groups = [(s["focus_area"].name, s["goals"]) for s in rows.sections]
        groups.append(("Bilaga: Lokalt identifierade närområdesfrågor", rows.appendix))
        for area, goals in groups:
            for goal in goals:
                for activity in goal.activity_list or [None]:
                    _append_text(
                        sheet,
                        [area, goal.label]
                        + (
                            [
                                activity.what,
                                activity.how,
                                activity.follow_up,
                                activity.responsible,
                                activity.timeframe,
                                activity.get_status_display(),
                                str(activity.latest_label),
                                activity.latest_date,
                            ]
                            if activity
                            else []
                        ),
                    )
        for column, width in zip("ABCDEFGHIJ", (24, 40, 45, 45, 35, 20, 14, 12, 22, 12), strict=True):
            sheet.column_dimensions[column].width = width
        for row in sheet.iter_rows(min_row=4):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A4"
        out = BytesIO()
        workbook.save(out)
        return out.getvalue()
