"""A model's lifecycle, declared once next to the model and read by everything else.

A ``Lifecycle`` lists the model's transitions: the states each may start from, the state it
leads to, the role-map permission it needs (a codename of ``governance.permissions``, held on a
body) and its guards. Services move objects with ``lifecycle.apply`` inside their transaction;
views and templates ask ``lifecycle.can`` (through the model's ``can`` method or the
``{% can %}`` tag) which actions to offer; the admin shows the state field read-only; tests
read the table. An ``edit`` rule says in which states the content may change, and who may
change it.

Why not django-fsm-2: our guards must say *why* a move is refused in Swedish (the consensus
rule names the objector, adoption lists the missing sections), permissions are object
permissions on a body rather than model permissions, and every move must claim the row with
a conditional ``UPDATE … WHERE status = … AND version = …`` so that a double click moves
once. That is this small module; the library would need wrapping for each of the three.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .concurrency import claim
from .history import record_change

REFUSED = "transition"  # the one error code of a move the lifecycle does not allow


@dataclass(frozen=True)
class Transition:
    """One allowed move: ``source`` states → ``target``.

    ``permission``: the role-map codename the user must hold on ``on(obj)`` (default: the
    lifecycle's ``body``); None for moves the system makes (a task, another workflow).
    ``guards``: callables ``guard(obj)`` that return a refusal message, or None to allow.
    ``label``: the action as a verb phrase (“submit for adoption”), used in buttons, messages
    and history.
    ``confirm``: what will happen, in a sentence or two for the user (“The minutes are published
    and become readable by everyone.”). A move that has it is not made from a button on the
    object's page: the button links to a confirmation page (``samverkan.confirm``) that names
    the object and says this, and only its Confirm button makes the move.
    ``undo``: the name of the move that takes this one back (a submission withdrawn). It is
    offered as “Ångra” on the object's page while that move is allowed, that is while nothing
    downstream has happened (the reviewer has not yet acted): see ``Lifecycle.undo``.
    """

    name: str
    source: tuple
    target: str
    label: str
    permission: str | None = None
    on: object = None
    guards: tuple = ()
    confirm: str = ""
    undo: str = ""

    def body_of(self, obj, default):
        return (self.on or default)(obj)


@dataclass(frozen=True)
class Edit:
    """Who may change the content, and in which states (everything else is frozen)."""

    states: tuple
    permission: str
    on: object = None


@dataclass
class Lifecycle:
    """The transitions of one model; see the module docstring."""

    transitions: list
    body: object  # obj -> the Body whose role map decides
    authorise: object  # (user, codename, body) -> bool: governance.permissions.holds
    edit: Edit | None = None
    state_field: str = "status"
    by_name: dict = field(init=False)

    def __post_init__(self):
        self.by_name = {t.name: t for t in self.transitions}

    # --- Reading ----------------------------------------------------------------------------------

    def state(self, obj):
        return getattr(obj, self.state_field)

    def transition(self, name):
        return self.by_name[name]

    def permitted(self, obj, name, user):
        """Whether ``user`` holds the role-map permission the move needs (whatever the state)."""
        t = self.by_name[name]
        if t.permission is None:
            return False
        return self.authorise(user, t.permission, t.body_of(obj, self.body))

    def refusal(self, obj, name):
        """Why ``obj`` cannot make the move now (state or guard), or None when it can."""
        t = self.by_name[name]
        if self.state(obj) not in t.source:
            return refused_message(obj, t.label, self._state_label(obj))
        for guard in t.guards:
            reason = guard(obj)
            if reason:
                return reason
        return None

    def can(self, obj, name, user):
        """Whether ``user`` may make the move now: the template predicate."""
        t = self.by_name[name]
        return self.state(obj) in t.source and self.permitted(obj, name, user) and not self.refusal(obj, name)

    def allowed_moves(self, obj, user):
        return [t for t in self.transitions if self.can(obj, t.name, user)]

    def undo(self, obj, user):
        """The move that takes back how ``obj`` reached its state, when ``user`` may make it now.

        A move declares its reverse (``Transition.undo``); the reverse is offered while the object
        is still in the state the move led to and the reverse's own rules allow it, so once
        anything downstream has happened (a review, an adoption) there is nothing to undo.
        """
        state = self.state(obj)
        for t in self.transitions:
            if t.undo and t.target == state and self.can(obj, t.undo, user):
                return self.by_name[t.undo]
        return None

    def is_editable(self, obj):
        return self.edit is not None and self.state(obj) in self.edit.states

    def can_edit(self, obj, user):
        return self.is_editable(obj) and self.authorise(
            user, self.edit.permission, (self.edit.on or self.body)(obj)
        )

    def _state_label(self, obj):
        return getattr(obj, f"get_{self.state_field}_display")()

    # --- Writing ------------------------------------------------------------------------------------

    def check(self, obj, name, user):
        """Raise PermissionDenied or ValidationError(code=REFUSED or the guard's) unless allowed."""
        t = self.by_name[name]
        if user is not None and not self.permitted(obj, name, user):
            raise PermissionDenied(
                _("You may not %(action)s %(object)s.") % {"action": t.label, "object": describe(obj)}
            )
        reason = self.refusal(obj, name)
        if reason:
            raise ValidationError(reason, code=REFUSED)

    def check_edit(self, obj, user):
        """Refuse a change of the content unless the state allows it and ``user`` may make it."""
        if user is not None and not self.authorise(
            user, self.edit.permission, (self.edit.on or self.body)(obj)
        ):
            raise PermissionDenied(_("You may not change %(object)s.") % {"object": describe(obj)})
        if not self.is_editable(obj):
            raise ValidationError(refused_message(obj, _("change"), self._state_label(obj)), code=REFUSED)

    def apply(self, obj, name, *, user, reason="", system=False, version=None, **changes):
        """Make the move inside the caller's transaction: check, claim, change, validate, save.

        The row is claimed with ``UPDATE … WHERE status = <as read> AND version = <as read>``,
        so of two concurrent requests exactly one moves; the other is refused as a conflict.
        ``version``: the version the user saw (a confirmation page carries it); when the row has
        moved on since, nothing happens and the conflict is reported, so a confirmation of a
        state that is no longer there is refused. ``system=True`` is for moves the portal makes
        itself (no user permission asked). ``changes`` are set on the object before it is
        validated and saved.
        """
        assert transaction.get_connection().in_atomic_block, "lifecycle moves run inside a transaction"
        t = self.by_name[name]
        self.check(obj, name, None if system else user)
        claimed = claim(
            obj, version, where={self.state_field: self.state(obj)}, values={self.state_field: t.target}
        )
        if not claimed:
            raise changed_meanwhile(obj)
        setattr(obj, self.state_field, t.target)
        for key, value in changes.items():
            setattr(obj, key, value)
        obj.full_clean()
        record_change(obj, user, reason or capfirst(t.label))
        obj.save()
        return obj


def describe(obj):
    """“the action plan ‘Handlingsplan 2024, NOSAM Sydväst’”, without grammatical gender."""
    return _("%(model)s “%(object)s”") % {"model": obj._meta.verbose_name, "object": obj}


def changed_meanwhile(obj):
    """The refusal of a move or a deletion whose object changed since the user saw it."""
    return ValidationError(
        _("Somebody else changed %(object)s at the same time. Reload the page and try again.")
        % {"object": describe(obj)},
        code="conflict",
    )


def refused_message(obj, action, state):
    """The one message pattern for a refused move: the model's own name, so no gendered adjective."""
    return _("Not possible to %(action)s %(object)s: its status is “%(state)s”.") % {
        "action": action,
        "object": describe(obj),
        "state": state,
    }
