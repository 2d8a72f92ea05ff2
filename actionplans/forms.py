from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.forms import DateInput
from governance.permissions import VIEW_INTERNAL, bodies_where
from samverkan.concurrency import SavedOnce, VersionedModelForm
from samverkan.years import DatesInRange

from .models import ActionPlan, Activity, FollowUp, Goal


class _NewRowMixin:
    """A new row has no version yet: the hidden version field is only needed for edits."""

    def _relax_version(self):
        if not self.instance.pk:
            self.fields["version"].required = False


class PlanCreateForm(SavedOnce, forms.ModelForm):
    copy_from = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=ActionPlan.objects.none(),
        required=False,
        empty_label=_("– an empty plan –"),
        help_text=_("Copy the sub-goals and activities of an earlier plan, to revise them."),
    )

    class Meta:
        model = ActionPlan
        fields = ["period", "collaboration_plan", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["copy_from"].queryset = body.action_plans.exclude(
            status=ActionPlan.Status.REVISED
        ).order_by("-period", "-revision")
        self.fields["copy_from"].label_from_instance = lambda plan: (
            f"{plan.period} ({plan.get_status_display()})"
        )
        self.fields["collaboration_plan"].empty_label = _("– choose –")


class GoalForm(SavedOnce, _NewRowMixin, VersionedModelForm):
    class Meta:
        model = Goal
        fields = ["focus_area", "in_appendix", "implements", "text", "delegated", "delegated_to"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._relax_version()
        self.instance.plan = plan
        self.fields["focus_area"].queryset = plan.collaboration_plan.focus_areas.all()
        self.fields["focus_area"].empty_label = _("– none (locally identified issue) –")
        # Goals the user may read: of adopted plans, or of plans of bodies they sit in (and the
        # goal already chosen, so that an edit does not lose it).
        visible = (
            Q(plan__status__in=ActionPlan.PUBLIC_STATUSES)
            | Q(plan__body__in=bodies_where(user, VIEW_INTERNAL))
            | Q(pk=self.instance.implements_id)
        )
        self.fields["implements"].queryset = (
            Goal.objects.filter(visible, delegated=True, plan__collaboration_plan=plan.collaboration_plan_id)
            .exclude(plan__body_id=plan.body_id)
            .exclude(plan__status=ActionPlan.Status.REVISED)
            .select_related("plan__body", "implements")
            .order_by("plan__body__name", "order")
        )
        self.fields["implements"].label_from_instance = lambda goal: (
            f"{goal.plan.body.display_name}: {goal.own_text} ({goal.plan.period})"
        )
        self.fields["implements"].empty_label = _("– none: the group's own goal –")
        self.fields["delegated_to"].empty_label = _("– no particular kind –")


class ActivityForm(SavedOnce, _NewRowMixin, VersionedModelForm):
    class Meta:
        model = Activity
        fields = ["what", "how", "follow_up", "responsible", "timeframe", "status"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 3}),
            "how": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        self._relax_version()
        self.instance.goal = goal
        self.instance.plan_id = self.instance.plan_id or goal.plan_id


class FollowUpForm(SavedOnce, DatesInRange, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["date", "status", "text"]
        widgets = {
            "date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = FollowUp._meta.get_field("status").choices  # no "---------" radio


class AdoptForm(DatesInRange, forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput())
