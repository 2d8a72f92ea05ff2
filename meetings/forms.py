from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms import DateInput
from governance.models import Membership, Organisation, Person
from samverkan.concurrency import VersionedModelForm

from .models import (
    AgendaItem,
    Assignment,
    Attachment,
    Attendance,
    Decision,
    Meeting,
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


class NewMeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "date", "start_time", "end_time", "mode", "place"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}


class ItemForm(forms.ModelForm):
    proposal = forms.CharField(
        label=_("Proposed decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For decision items: what the members take a stance on."),
    )

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
    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "presenter", "description", "questions"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "questions": forms.Textarea(attrs={"rows": 3}),
        }


class ItemMinutesForm(VersionedModelForm):
    """Minutes of one item: text and dialogue summary (the decision is recorded separately)."""

    class Meta:
        model = AgendaItem
        fields = ["minutes", "dialogue"]
        widgets = {
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "dialogue": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix = f"item-{self.instance.pk}"
        self.fields["version"].widget.attrs["id"] = f"id_item-{self.instance.pk}-version"


class MinutesMetaForm(VersionedModelForm):
    """Who took the minutes, and when the next meeting is."""

    class Meta:
        model = Meeting
        fields = ["minutes_taker", "next_meeting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.instance.body
        people = Person.objects.filter(memberships__body=body).distinct().select_related("organisation")
        self.fields["minutes_taker"].queryset = people
        self.fields["minutes_taker"].label_from_instance = lambda p: f"{p.full_name}, {p.organisation}"


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file", "is_public"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        try:
            check_attachment_file(upload)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["file"]) from None
        return upload


class StanceForm(forms.ModelForm):
    class Meta:
        model = Stance
        fields = ["position", "reason"]
        widgets = {"position": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 2})}


class DecisionRecordForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Decision.Outcome.choices)
    text = forms.CharField(
        label=_("Decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The text after “Beslut:”; empty: the proposal (or the outcome)."),
    )


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["what", "responsible_organisation", "responsible_person", "due_date"]
        widgets = {"what": forms.Textarea(attrs={"rows": 2}), "due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = Organisation.objects.all()
        self.fields["responsible_person"].queryset = Person.objects.select_related("organisation")


class AssignmentStatusForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["status"]


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
            help_text=_("A co-opted person or someone invited for an item."),
        )
        self.fields["guest"].label_from_instance = lambda p: f"{p.full_name}, {p.organisation}"

    def person_fields(self):
        return [self[name] for name in self.fields if name.startswith("person_")]
