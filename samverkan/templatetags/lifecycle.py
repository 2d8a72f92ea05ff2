"""``{% can obj "action" as allowed %}``: templates ask the model's lifecycle, never compare states."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, obj, action):
    """Whether the current user may make ``action`` (a transition name, or "edit") on ``obj`` now."""
    user = context["request"].user
    if action == "edit":
        return obj.lifecycle.can_edit(obj, user)
    return obj.lifecycle.can(obj, action, user)


@register.simple_tag(takes_context=True)
def undo(context, obj):
    """The move that takes back how ``obj`` reached its state (“Ångra”), if the user may make it
    now (``Lifecycle.undo``), else None."""
    return obj.lifecycle.undo(obj, context["request"].user)
