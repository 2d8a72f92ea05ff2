"""The action-plan appendix of an annual report section (plugged in through REPORT_SECTION_FACTS)."""

from django.utils.translation import gettext as _

from samverkan.facts import FactsBlock
from samverkan.richtext import markdown_to_text

from .models import ActionPlan
from .queries import PlanRows


def goals_and_outcomes(body, year):
    """ "Mål, aktiviteter och utfall för <body> – <year>": each activity with its latest follow-up.

    Uses the body's adopted plan whose period covers ``year``, in its current revision (not a
    revised one), in a fixed number of queries.
    """
    plans = ActionPlan.objects.current().filter(body=body).select_related("collaboration_plan")
    plan = next((p for p in plans if _covers(p.period, year)), None)
    if plan is None:
        return []
    rows = []
    for goal in PlanRows(plan).goals:
        for activity in goal.activity_list:
            outcome = markdown_to_text(activity.latest_text) or _("Not followed up")
            if activity.latest_label:
                outcome = f"{activity.latest_label} – {outcome}"
            rows.append((f"{goal.label} · {markdown_to_text(activity.what)}", outcome))
    heading = _("Goals, activities and outcomes for %(body)s – %(year)s") % {"body": body.name, "year": year}
    return [FactsBlock(heading=heading, rows=rows)]


def _covers(period, year):
    first, _sep, last = period.partition("-")
    return int(first) <= year <= int(last or first)
