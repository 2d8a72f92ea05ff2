"""Meeting facts for the annual report (plugged in through settings.REPORT_SECTION_FACTS)."""

from django.db.models import Count, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samverkan.facts import FactsBlock

from .models import Attendance, Meeting

KIND_LABELS = {
    Meeting.Kind.REGULAR: gettext_lazy("Regular meetings"),
    Meeting.Kind.EXTRA: gettext_lazy("Extra meetings"),
    Meeting.Kind.DIALOGUE: gettext_lazy("Dialogue meetings"),
    Meeting.Kind.WORKSHOP: gettext_lazy("Workshops"),
}
MODE_LABELS = {
    Meeting.Mode.PHYSICAL: gettext_lazy("Physical meetings"),
    Meeting.Mode.DIGITAL: gettext_lazy("Digital meetings"),
}
HELD = [
    Meeting.Status.HELD,
    Meeting.Status.MINUTES_DRAFTED,
    Meeting.Status.MINUTES_APPROVED,
    Meeting.Status.PUBLISHED,
]


def meetings_held(body, year):
    """Meetings the body held in ``year``: by kind and form, total hours, mean attendance (1 query)."""
    meetings = list(
        Meeting.objects.filter(body=body, date__year=year, status__in=HELD).annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT))
        )
    )
    if not meetings:
        return []
    rows = [(_("Meetings held"), len(meetings))]
    for field, labels in (("kind", KIND_LABELS), ("mode", MODE_LABELS)):
        for value, label in labels.items():
            count = sum(1 for m in meetings if getattr(m, field) == value)
            if count:
                rows.append((label, count))
    hours = sum(m.duration.total_seconds() for m in meetings) / 3600
    rows.append(
        (
            _("Total meeting time"),
            ngettext("%(hours)s hour", "%(hours)s hours", 1 if hours == 1 else 2) % {"hours": _number(hours)},
        )
    )
    with_attendance = [m.present for m in meetings if m.present]
    if with_attendance:
        mean = sum(with_attendance) / len(with_attendance)
        rows.append((_("Participants per meeting on average"), _number(mean)))
    return [FactsBlock(heading=_("Meetings %(year)s") % {"year": year}, rows=rows)]


def _number(value):
    """One decimal in the Swedish way, none when it is whole: 14, 14,5."""
    value = round(value, 1)
    return number_format(int(value) if value == int(value) else value)
