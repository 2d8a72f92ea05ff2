"""Confirm before the irreversible: one confirmation page for every such action.

A button that would approve, publish, adopt, submit, delete or end something is a link to the
action's own address. ``GET`` answers the confirmation page: what will happen to which object,
in words (for a lifecycle move, ``Transition.confirm`` declared beside the model), with a
Confirm button that posts to the same address and a Cancel link back. Only that ``POST`` acts,
through the app's service. The page's form carries the object's version as the user saw it, so
a confirmation of a state that has changed since (somebody else approved, edited, deleted) is
refused with the service's usual conflict message. Works without JavaScript; nothing else.

The views stay the apps' own (each fetches its object with its own access rule) and hand the
rest to ``confirm_move`` (a lifecycle move) or ``confirm`` (a deletion, an ended seat).
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.translation import gettext as _

from .lifecycle import describe


class ConfirmForm(forms.Form):
    """The confirmation: the version of the object the user saw. A POST without it (a client
    that skips the page) claims the row as the request reads it, as every move did before."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = getattr(obj, "version", None)


@dataclass
class Confirmation:
    """What the page says: ``question`` (“Vill du publicera minnesanteckningarna för möte
    ”NOSAM Sydväst 2024-05-14”?”), ``consequences`` (what will happen) and, when the action
    cannot be taken now, ``refusal`` (why), shown instead of the Confirm button."""

    question: str
    consequences: str
    refusal: str = ""


def question(action, obj):
    """“Do you want to publish the minutes of meeting “…”?”: ``action`` is a verb phrase."""
    return _("Do you want to %(action)s %(object)s?") % {"action": action, "object": describe(obj)}


def confirm(request, *, obj, confirmation, perform, cancel, form=None, status=200):
    """The confirmation page (GET, or a POST whose form is invalid), or ``perform``'s answer.

    ``perform(version, form)`` runs the service for a valid POST (``version``: the one the page
    carried) and returns the response (a redirect with a message), or None to show the page again
    with the errors it put on ``form``. ``form``: for an action with
    fields of its own (an adoption's date), ``form(data)`` makes its form (``data`` None for the
    page), shown above the Confirm button. ``cancel``: where Cancel leads (the object's page).
    """
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    posted = request.POST if request.method == "POST" else None
    confirm_form = ConfirmForm(posted, obj=obj)
    form = form(posted) if form is not None else None
    # A POST is for the service to judge even when the page would say no: the state may have
    # changed since, and its refusal (a message) is the answer a stale button always got.
    if posted is not None:
        if confirm_form.is_valid() and (form is None or form.is_valid()):
            response = perform(confirm_form.cleaned_data["version"], form)
            if response is not None:
                return response
    return render(
        request,
        "confirm.html",
        {
            "object": obj,
            "confirmation": confirmation,
            "confirm_form": confirm_form,
            "form": form,
            "cancel": cancel,
        },
        status=status,
    )


def confirm_move(request, obj, move, *, perform, cancel, form=None, lifecycle=None):
    """``confirm`` for a lifecycle move that declares ``confirm``: permission first (403), then
    the page with the declared consequences, or with the reason the move cannot be made now.

    A move without a declared confirmation is made by a plain POST (GET: 405), as before.
    """
    lifecycle = lifecycle or obj.lifecycle
    transition = lifecycle.transition(move)
    if not transition.confirm and request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not transition.confirm:
        return perform(None, None)
    if not lifecycle.permitted(obj, move, request.user):
        raise PermissionDenied(
            _("You may not %(action)s %(object)s.") % {"action": transition.label, "object": describe(obj)}
        )
    confirmation = Confirmation(
        question=question(transition.label, obj),
        consequences=str(transition.confirm),
        refusal=lifecycle.refusal(obj, move) or "",
    )
    return confirm(request, obj=obj, confirmation=confirmation, perform=perform, cancel=cancel, form=form)
