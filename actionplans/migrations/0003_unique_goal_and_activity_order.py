"""Orders are unique: a goal's in its plan, an activity's under its goal (checked at commit).
Duplicates left by concurrent additions or by moves numbered per focus area are renumbered
first, in the order they were shown."""

import django.db.models.constraints
from django.db import migrations, models
from django.db.models import Count


def _renumber(rows):
    for order, row in enumerate(rows, start=1):
        if row.order != order:
            type(row).objects.filter(pk=row.pk).update(order=order)


def renumber_duplicates(apps, schema_editor):
    Goal = apps.get_model("actionplans", "Goal")
    Activity = apps.get_model("actionplans", "Activity")
    plans = Goal.objects.values("plan_id", "order").annotate(n=Count("id")).filter(n__gt=1)
    for plan_id in {row["plan_id"] for row in plans}:
        _renumber(
            Goal.objects.filter(plan_id=plan_id).order_by("in_appendix", "focus_area__order", "order", "pk")
        )
    goals = Activity.objects.values("goal_id", "order").annotate(n=Count("id")).filter(n__gt=1)
    for goal_id in {row["goal_id"] for row in goals}:
        _renumber(Activity.objects.filter(goal_id=goal_id).order_by("order", "pk"))


class Migration(migrations.Migration):
    dependencies = [
        ("actionplans", "0002_revisions_and_lifecycle"),
    ]

    operations = [
        migrations.RunPython(renumber_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.UniqueConstraint(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("goal", "order"),
                name="activity_order_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=models.UniqueConstraint(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("plan", "order"),
                name="goal_order_unique",
            ),
        ),
    ]
