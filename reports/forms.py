from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from governance.forms import DateInput
from samverkan.concurrency import VersionedModelForm
from samverkan.years import DatesInRange

from .models import ReportSection


class SectionForm(VersionedModelForm):
    """What a body's chair or process leader writes; the generated facts are not part of it."""

    class Meta:
        model = ReportSection
        fields = ["summary", "body_text", "development_areas"]
        labels = {
            "summary": pgettext_lazy("annual report", "Summary"),
            "body_text": pgettext_lazy("annual report", "Text"),
            "development_areas": _("Development areas and measures for better goal attainment"),
        }
        help_texts = {
            "summary": _("A few paragraphs on the year. Markdown."),
            "body_text": _(
                "The work done during the year. Markdown: lists (- item), tables (| a | b |), "
                "links and sub-headings (### Heading)."
            ),
            "development_areas": _("What the body will develop next, and how. Markdown."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "body_text": forms.Textarea(attrs={"rows": 18}),
            "development_areas": forms.Textarea(attrs={"rows": 8}),
        }


class ReviewForm(forms.Form):
    ACCEPT, RETURN = "accept", "return"

    decision = forms.ChoiceField(
        label=pgettext_lazy("annual report", "Decision"),
        choices=[(ACCEPT, _("Accept the section")), (RETURN, _("Return it to the writers"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the writers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when returning: say what needs to change."),
    )


class AdoptForm(DatesInRange, forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput())
    decision = forms.ModelChoiceField(
        label=_("Decision in the portal"),
        queryset=None,
        required=False,
        empty_label=_("– not in the portal –"),
        help_text=_("The decision in the adopting body's minutes, when the meeting is in the portal."),
    )
    decision_reference = forms.CharField(
        label=_("Reference to the decision"),
        required=False,
        max_length=300,
        help_text=_("For example: LGS meeting 2025-01-29, item 4."),
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = report.adoption_decisions()
        self.fields["decision"].label_from_instance = _decision_label


def _decision_label(decision):
    return (
        f"{decision.item.meeting.date:%Y-%m-%d}, {decision.item.title}: {decision.text or decision.proposal}"
    )
