from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.concurrency import VersionedModelForm

from .models import Body, Membership, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BodyForm(VersionedModelForm):
    class Meta:
        model = Body
        fields = ["name", "short_name", "mandate", "email", "start_date", "end_date"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "mandate": forms.Textarea(attrs={"rows": 8}),
        }


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "organisation", "role", "start_date", "end_date", "note"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["person"].queryset = Person.objects.select_related("organisation")
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name}, {p.organisation}"
        self.fields["person"].empty_label = _("– vacant seat –")


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day in the seat"), widget=DateInput())
