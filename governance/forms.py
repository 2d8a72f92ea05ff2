from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from samverkan.concurrency import VersionedModelForm
from samverkan.years import DatesInRange

from .models import Body, Membership, NoticePreference, Person
from .notices import NOTICES
from .permissions import person_id_of, seat_roles, seat_roles_help


class LoginForm(AuthenticationForm):
    """Django's login form with the username's length validated. Django sets the field's
    max_length after the field is built, so without the validator an overlong name reaches
    ``authenticate()`` and the lock-out's record of failed attempts (a 500 on PostgreSQL)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


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


class MembershipForm(VersionedModelForm):
    """A seat: held by an existing person, by a new person entered here, or vacant.

    Offers only what ``user`` may set (``permissions.seat_roles``), and never ``user`` as the
    holder: nobody seats themself.
    """

    new_first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    new_last_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    new_title = forms.CharField(label=_("Title"), required=False, max_length=200)
    new_email = forms.EmailField(label=_("E-mail"), required=False)

    class Meta:
        model = Membership
        fields = ["person", "organisation", "role", "start_date", "end_date", "note"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, body, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        allowed = seat_roles(user, body)
        self.fields["role"].choices = [(v, label) for v, label in Membership.Role.choices if v in allowed]
        self.fields["role"].help_text = seat_roles_help(user, body)
        people = Person.objects.exclude(pk=person_id_of(user))
        self.fields["person"].queryset = people.select_related("organisation")
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name}, {p.organisation}"
        self.fields["person"].empty_label = _("– a new person or a vacant seat –")
        self.fields["person"].help_text = _("Someone already in the portal.")
        self.fields["organisation"].empty_label = _("– the person's organisation –")

    def new_person_fields(self):
        return [self[name] for name in ("new_first_name", "new_last_name", "new_title", "new_email")]

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("new_first_name"), cleaned.get("new_last_name")
        if not (first or last or cleaned.get("new_title") or cleaned.get("new_email")):
            return cleaned
        if cleaned.get("person"):
            raise forms.ValidationError(
                _("Choose an existing person or enter a new one, not both."), code="two_people"
            )
        for name, value in (("new_first_name", first), ("new_last_name", last)):
            if not value:
                self.add_error(name, _("A new person needs a first and a last name."))
        if not cleaned.get("organisation"):
            self.add_error("organisation", _("Say which organisation the new person works for."))
        return cleaned

    def new_person(self):
        """The person entered in the form (unsaved), or None."""
        data = self.cleaned_data
        if not data.get("new_last_name"):
            return None
        return Person(
            first_name=data["new_first_name"],
            last_name=data["new_last_name"],
            title=data["new_title"],
            email=data["new_email"],
            organisation=data["organisation"],
        )


class MembershipEndForm(DatesInRange, forms.Form):
    end_date = forms.DateField(label=_("Last day in the seat"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoticePreferencesForm(forms.Form):
    """One choice per kind of notice (``notices.NOTICES``): immediately, daily digest or off."""

    def __init__(self, *args, chosen, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, notice in NOTICES.items():
            self.fields[kind] = forms.ChoiceField(
                label=notice.label,
                choices=NoticePreference.Delivery.choices,
                initial=chosen.get(kind, notice.default),
                widget=forms.RadioSelect,
            )


class SubscribeForm(forms.Form):
    """A visitor's address for a public subscription (bounded like any address)."""

    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
