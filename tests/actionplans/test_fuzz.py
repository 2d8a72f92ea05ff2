"""The action-plan editor's forms and buttons, posted by an editor with arbitrary input: never a 500."""

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from actionplans.forms import ActivityForm, FollowUpForm, GoalForm, PlanCreateForm
from actionplans.models import ActionPlan, Activity
from governance.models import Membership
from tests.actionplans.conftest import Plans
from tests.conftest import Structure
from tests.fuzz import FUZZ_SETTINGS, FuzzTestCase, assert_answered, baseline, fuzzed


class PlanFormsTakeAnyInput(FuzzTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = Plans(Structure())
        cls.editor = cls.p.s.people[Membership.Role.PROCESS_LEADER]
        # An adopted plan of the editor's group, to follow up.
        cls.adopted = ActionPlan.objects.create(
            body=cls.p.s.nosam,
            period="2023",
            collaboration_plan=cls.p.cplan,
            status=ActionPlan.Status.ADOPTED,
            adopted_by_body=cls.p.s.lgs,
        )
        goal = cls.adopted.goals.create(focus_area=cls.p.transitions, text="Delmål", order=1)
        cls.followed = Activity.objects.create(plan=cls.adopted, goal=goal, what="Aktivitet", order=1)
        cls.log_in_once(cls.editor)

    def url(self, name, *args, plan=None):
        plan = plan or self.p.plan
        return reverse(f"actionplans:{name}", args=[plan.body.slug, plan.period, *args])

    def post(self, data, url, form):
        self.log_in(self.editor)
        fields = form if isinstance(form, dict) else baseline(form)
        response = self.client.post(url, data.draw(fuzzed(fields)))
        assert_answered(response)

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_creating_a_plan(self, data):
        body = self.p.s.nosam
        self.post(data, reverse("actionplans:plan_create", args=[body.slug]), PlanCreateForm(body=body))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_goals(self, data):
        plan, goal = self.p.plan, self.p.goal
        self.post(data, self.url("goal_add"), GoalForm(plan=plan, user=self.editor))
        self.post(data, self.url("goal_edit", goal.pk), GoalForm(instance=goal, plan=plan, user=self.editor))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_activities(self, data):
        goal, activity = self.p.goal, self.p.activity
        self.post(data, self.url("activity_add", goal.pk), ActivityForm(goal=goal))
        self.post(data, self.url("activity_edit", activity.pk), ActivityForm(instance=activity, goal=goal))

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_follow_up(self, data):
        activity = self.followed
        self.post(data, self.url("followup_add", activity.pk, plan=self.adopted), FollowUpForm())
        self.post(data, self.url("activity_status", activity.pk, plan=self.adopted), {"move": "start"})

    @FUZZ_SETTINGS
    @given(data=st.data())
    def test_the_editor_buttons(self, data):
        self.post(data, self.url("history_restore"), {"history_id": "1", "kind": "goal"})
        self.post(data, self.url("goal_move", self.p.goal.pk), {"direction": "up"})
