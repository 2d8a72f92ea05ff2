from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.forms import DateInput
from governance.models import Membership, Organisation, Person
from samverkan.concurrency import SavedOnce, VersionedModelForm
from samverkan.years import FIRST_YEAR, LAST_YEAR, DatesInRange

from .models import (
    ATTACHMENT_MAX_BYTES,
    AgendaItem,
    Assignment,
    Attachment,
    Attendance,
    Decision,
    Meeting,
    MinutesCorrection,
    Stance,
    check_attachment_file,
)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "date", "start_time", "end_time", "mode", "place"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}


class NewMeetingForm(SavedOnce, DatesInRange, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "date", "start_time", "end_time", "mode", "place"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}


class ProposalField(forms.CharField):
    """The proposed decision of an item of any kind: what the members take a stance on."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Proposed decision"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Any kind of item can carry a decision; a decision item needs one."),
            **kwargs,
        )


class ItemForm(SavedOnce, forms.ModelForm):
    proposal = ProposalField()

    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "presenter", "description", "questions"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "questions": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == AgendaItem.Kind.DECISION and not cleaned.get("proposal", "").strip():
            self.add_error("proposal", _("A decision item needs a proposed decision."))
        return cleaned


class ItemEditForm(VersionedModelForm):
    """An agenda item and its proposed decision (while the decision is not recorded)."""

    proposal = ProposalField()

    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "presenter", "description", "questions"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "questions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        decision = getattr(self.instance, "decision", None)
        if decision is not None and not decision.is_proposed:
            del self.fields["proposal"]  # recorded: the minutes editor writes the decision
        elif decision is not None:
            self.fields["proposal"].initial = decision.proposal

    def proposal_to_save(self):
        """The proposal to save, or None when the form does not show it."""
        return self.cleaned_data.get("proposal") if "proposal" in self.fields else None


class ItemMinutesForm(VersionedModelForm):
    """One item's part of the minutes: text, dialogue and the decision ("Beslut:"), whatever its
    kind; a decision written on an item without one gives it one."""

    decision = forms.CharField(
        label=_("Decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The text after “Beslut:”, e.g. “The group takes note of the information.”"),
    )

    class Meta:
        model = AgendaItem
        fields = ["minutes", "dialogue"]
        widgets = {
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "dialogue": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=f"item-{kwargs['instance'].pk}", **kwargs)
        decision = getattr(self.instance, "decision", None)
        self.fields["decision"].initial = decision.text if decision else ""
        self.outcome = None  # the outcome to record, for a proposed decision
        if decision is not None and decision.is_proposed:
            self.outcome = DecisionRecordForm(*args[:1], prefix=f"d{decision.pk}")

    def texts(self):
        return {name: self.cleaned_data[name] for name in ("minutes", "dialogue", "decision")}


class PersonForm(forms.ModelForm):
    """Somebody without a seat: a guest, or the collaboration office's minutes taker."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title", "organisation", "email"]

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation"].empty_label = _("– choose –")
        self.given = True
        if not required:
            self.given = self.is_bound and any(self.data.get(self.add_prefix(name)) for name in self.fields)
            self.empty_permitted = not self.given
            self.use_required_attribute = False

    def person(self):
        """The unsaved person entered, or None when the optional form was left empty."""
        return self.instance if self.given else None


class GuestForm(SavedOnce, PersonForm):
    """A guest added to the attendance: the same page sent twice adds one guest."""


class MinutesMetaForm(VersionedModelForm):
    """Who took the minutes (the body's members, the meeting's attendees and guests), and when
    the next meeting is."""

    class Meta:
        model = Meeting
        fields = ["minutes_taker", "next_meeting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance
        people = (
            Person.objects.filter(Q(memberships__body=meeting.body_id) | Q(pk__in=_attendees(meeting)))
            .distinct()
            .select_related("organisation")
        )
        self.fields["minutes_taker"].queryset = people
        self.fields["minutes_taker"].label_from_instance = lambda p: f"{p.full_name}, {p.organisation}"
        self.fields["minutes_taker"].help_text = _("Not in the list? Add the person below.")
        self.fields["minutes_taker"].empty_label = _("– not given –")


def _attendees(meeting):
    return Attendance.objects.filter(meeting=meeting).values("person_id")


class MinutesForm:
    """The whole minutes as one form: the header and every item (prefix ``item-<pk>``), with a
    new minutes taker (prefix ``taker``) and each proposed decision's outcome (``d<pk>``)."""

    def __init__(self, data, *, meeting, items):
        self.meta = MinutesMetaForm(data, instance=meeting, prefix="meta")
        self.taker = PersonForm(data, prefix="taker", required=False)
        self.items = [ItemMinutesForm(data, instance=item) for item in items]

    @property
    def forms(self):
        return [self.meta, self.taker, *self.items]

    def is_valid(self):
        return all([form.is_valid() for form in self.forms])

    def item_texts(self):
        return [(form.instance, form.seen_version, form.texts()) for form in self.items]

    def show_conflict(self, stale):
        """Put the other person's version next to what this editor typed, on each stale part."""
        forms = {(type(form.instance), form.instance.pk): form for form in [self.meta, *self.items]}
        for current in stale:
            forms[type(current), current.pk].show_conflict(current)


class AttachmentForm(SavedOnce, forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file", "is_public"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF and Office files up to %(limit)d MB.") % {
            "limit": ATTACHMENT_MAX_BYTES // 1024 // 1024
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        try:
            check_attachment_file(upload)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["file"]) from None
        return upload


class StanceForm(forms.ModelForm):
    # Radio buttons without the empty "---------" choice a model field's form field would add.
    position = forms.ChoiceField(
        label=_("Your stance"), choices=Stance.Position.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Stance
        fields = ["position", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}


class DecisionRecordForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Decision.Outcome.choices)


class AssignmentForm(SavedOnce, DatesInRange, forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["what", "responsible_organisation", "responsible_person", "due_date"]
        widgets = {"what": forms.Textarea(attrs={"rows": 2}), "due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = Organisation.objects.all()
        self.fields["responsible_person"].queryset = Person.objects.select_related("organisation")
        self.fields["responsible_organisation"].empty_label = _("– no organisation –")
        self.fields["responsible_person"].empty_label = _("– no person –")


class CorrectionForm(forms.ModelForm):
    """A correction (rättelse) of published minutes: which text, the new text, and why."""

    class Meta:
        model = MinutesCorrection
        fields = ["item", "field", "after", "reason"]
        labels = {"after": _("Corrected text")}
        widgets = {"after": forms.Textarea(attrs={"rows": 3}), "reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, instance=MinutesCorrection(meeting=meeting), prefix="correction", **kwargs)
        self.fields["item"].queryset = meeting.items.order_by("position", "pk")
        self.fields["item"].empty_label = _("– the meeting (next meeting) –")
        self.fields["field"].choices = [("", _("– choose –")), *MinutesCorrection.Field.choices]
        self.fields["after"].required = True


class AttendanceForm(forms.Form):
    """Attendance of every seat holder of the body, plus guests added by name."""

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        recorded = {a.person_id: a for a in meeting.attendances.select_related("person", "organisation")}
        seats = (
            Membership.objects.current(meeting.date)
            .filter(body_id=meeting.body_id, person__isnull=False)
            .select_related("person__organisation", "organisation")
            .order_by("person__last_name", "person__first_name")
        )
        self.people = {}
        for seat in seats:
            if seat.person_id in self.people:
                continue
            self.people[seat.person_id] = (seat.person, seat.represents, False)
        for attendance in recorded.values():
            if attendance.person_id not in self.people:
                self.people[attendance.person_id] = (
                    attendance.person,
                    attendance.organisation,
                    attendance.is_guest,
                )
        for person_id, (person, organisation, _guest) in self.people.items():
            current = recorded.get(person_id)
            self.fields[f"person_{person_id}"] = forms.ChoiceField(
                label=f"{person.full_name}, {organisation}",
                choices=Attendance.Status.choices,
                initial=current.status if current else Attendance.Status.PRESENT,
                widget=forms.RadioSelect,
            )
        self.fields["guest"] = forms.ModelChoiceField(
            label=_("Add a guest"),
            queryset=Person.objects.exclude(pk__in=self.people).select_related("organisation"),
            required=False,
            empty_label=_("– no guest –"),
            help_text=_("A co-opted person or someone invited for an item."),
        )
        self.fields["guest"].label_from_instance = lambda p: f"{p.full_name}, {p.organisation}"

    def person_fields(self):
        return [self[name] for name in self.fields if name.startswith("person_")]


class SearchForm(forms.Form):
    """The search page's query string. Whatever a visitor types into the address (a NUL byte, a
    year of 99999, a page of 10**30) is a form error, never a database error."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    grupp = forms.SlugField(label=_("Group"), required=False)
    ar = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    sida = forms.IntegerField(label=_("Page"), required=False, min_value=1)
