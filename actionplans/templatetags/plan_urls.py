"""``{% plan_url "goal_edit" plan goal.pk %}``: the address of a view for one version of a plan."""

from django import template

register = template.Library()


@register.simple_tag
def plan_url(name, plan, *extra):
    """``reverse("actionplans:<name>")`` with the plan version's own arguments (see ``ActionPlan.url``)."""
    return plan.url(name, *extra)
