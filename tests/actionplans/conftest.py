"""Action-plan fixtures: the shared structure plus a collaboration plan and plans with rows."""

import datetime

import pytest

from actionplans.models import ActionPlan, Activity, CollaborationPlan, FocusArea, FollowUp, Goal
from governance.models import Membership

Role = Membership.Role


class Plans:
    """A theme-group plan with a delegated goal, and a NOSAM plan that implements it."""

    def __init__(self, structure):
        self.s = structure
        self.cplan = CollaborationPlan.objects.create(
            period="2024-2025",
            title="Samverkansplan 2024–2025",
            overarching_goal="Utjämna skillnader i hälsa.",
        )
        self.transitions = FocusArea.objects.create(
            collaboration_plan=self.cplan, name="Trygga, säkra och effektiva vårdövergångar", order=1
        )
        self.health = FocusArea.objects.create(
            collaboration_plan=self.cplan, name="Främja hälsa och förebygga ohälsa", order=2
        )
        self.theme_plan = ActionPlan.objects.create(
            body=structure.theme,
            period="2024",
            collaboration_plan=self.cplan,
            status=ActionPlan.Status.ADOPTED,
            adopted_on=datetime.date(2023, 12, 6),
            adopted_by_body=structure.lgs,
        )
        self.delegated = Goal.objects.create(
            plan=self.theme_plan,
            focus_area=self.transitions,
            text="Öka den proaktiva bedömningen av den enskilde",
            delegated=True,
            delegated_to=structure.local_kind,
            order=1,
        )
        self.plan = ActionPlan.objects.create(
            body=structure.nosam, period="2024", collaboration_plan=self.cplan
        )
        self.goal = Goal.objects.create(
            plan=self.plan, focus_area=self.transitions, implements=self.delegated, order=1
        )
        self.activity = Activity.objects.create(
            plan=self.plan, goal=self.goal, what="Implementera kunskapsstödet", how="Dialog på NOSAM", order=1
        )

    def grow(self, n):
        """n more goals, each with two activities and a follow-up."""
        for i in range(n):
            goal = Goal.objects.create(
                plan=self.plan,
                focus_area=self.health,
                text=f"Lokalt delmål {i}",
                order=self.plan.goals.count() + 10,  # unique in the plan, however often it grows
            )
            for j in range(2):
                activity = Activity.objects.create(
                    plan=self.plan, goal=goal, what=f"Aktivitet {i}.{j}", order=j
                )
                FollowUp.objects.create(activity=activity, status="green", text="Går bra")
            local = ActionPlan.objects.create(
                body=self.s.nosam.__class__.objects.create(
                    name=f"NOSAM Extra {i}", slug=f"nosam-extra-{self.s_counter()}", kind=self.s.local_kind
                ),
                period="2024",
                collaboration_plan=self.cplan,
                status=ActionPlan.Status.ADOPTED,
            )
            implementing = Goal.objects.create(
                plan=local, focus_area=self.transitions, implements=self.delegated, order=1
            )
            Activity.objects.create(plan=local, goal=implementing, what=f"Extra {i}", order=1)

    _counter = 0

    def s_counter(self):
        Plans._counter += 1
        return Plans._counter


@pytest.fixture
def plans(structure):
    return Plans(structure)
