"""The minutes as a document: what they show (on the meeting page and in the PDF), and the
public PDF, built once per state of published minutes (``samverkan.pdf``)."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation

from governance.permissions import VIEW_INTERNAL
from samverkan.pdf import open_public_pdf

from .models import Assignment, Attachment, Attendance


def minutes_context(meeting, perms):
    """Everything the rendered agenda/minutes show, in a fixed number of queries."""
    internal = VIEW_INTERNAL in perms
    attachments = Attachment.objects.order_by("title")
    if not internal:
        attachments = attachments.filter(is_public=True)
    items = list(
        meeting.items.select_related("decision", "carried_from__meeting", "approves__body")
        .prefetch_related(
            Prefetch("attachments", queryset=attachments),
            Prefetch(
                "decision__assignments",
                queryset=Assignment.objects.select_related("responsible_organisation", "responsible_person"),
            ),
        )
        .order_by("position", "pk")
    )
    attendances = list(meeting.attendances.select_related("person", "organisation"))
    corrections = (
        list(meeting.corrections.select_related("item", "corrected_by__person"))
        if meeting.is_published
        else []
    )
    return {
        "meeting": meeting,
        "items": items,
        "present": [a for a in attendances if a.status == Attendance.Status.PRESENT and not a.is_guest],
        "guests": [a for a in attendances if a.status == Attendance.Status.PRESENT and a.is_guest],
        "excused": [a for a in attendances if a.status == Attendance.Status.EXCUSED],
        "absent": [a for a in attendances if a.status == Attendance.Status.ABSENT],
        "corrections": corrections,
        # Links to other meetings (approves, approved at) only where the viewer may follow them:
        # they are the same body's meetings, so members see all and others the published ones.
        "internal": internal,
    }


def minutes_html(meeting):
    """The public version of the minutes as the HTML the PDF is made from, in Swedish whoever
    asks (the document of record; the page itself follows the visitor's language)."""
    with translation.override("sv"):
        return render_to_string("meetings/minutes_pdf.html", minutes_context(meeting, set()))


def minutes_pdf_filename(meeting):
    return f"protokoll-{meeting.body.slug}-{meeting.date}.pdf"


def open_minutes_pdf(meeting):
    """The published minutes' PDF, opened; built if this state of them has none yet."""
    if not meeting.is_published:
        raise ValueError("Only published minutes have a public PDF.")
    return open_public_pdf(meeting, folder="protokoll", html=minutes_html(meeting))


def ensure_minutes_pdf(meeting):
    """Build the published minutes' PDF ahead of the first request (e.g. on publication)."""
    open_minutes_pdf(meeting).close()
