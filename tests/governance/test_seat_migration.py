"""The migration that adds the single-seat constraint first ends surplus open chairs."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("governance", "0002_adopt_plans_permission")]
AFTER = [("governance", "0003_membership_version_and_single_seat_constraint")]
D = datetime.date


@pytest.mark.django_db(transaction=True)
def test_surplus_open_chairs_are_ended_before_the_constraint():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        Organisation = apps.get_model("governance", "Organisation")
        BodyKind = apps.get_model("governance", "BodyKind")
        Body = apps.get_model("governance", "Body")
        Membership = apps.get_model("governance", "Membership")
        town = Organisation.objects.create(name="Testby kommun", slug="testby", kind="municipality")
        kind = BodyKind.objects.create(name="NOSAM", name_plural="NOSAM")
        body = Body.objects.create(name="NOSAM Testby", slug="nosam-testby", kind=kind)
        older, newer, member = (
            Membership.objects.create(body=body, organisation=town, role=role, start_date=start)
            for role, start in (("chair", D(2023, 1, 1)), ("chair", D(2024, 1, 1)), ("member", D(2023, 1, 1)))
        )
        same_day = [
            Membership.objects.create(
                body=body, organisation=town, role="vice_chair", start_date=D(2024, 1, 1)
            )
            for _ in range(2)
        ]

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        apps = executor.loader.project_state(AFTER).apps
        Membership = apps.get_model("governance", "Membership")
        ends = dict(Membership.objects.values_list("pk", "end_date"))
        assert ends[older.pk] == D(2023, 12, 31), "ends the day before the later chair started"
        assert ends[newer.pk] is None and ends[member.pk] is None
        assert [ends[seat.pk] for seat in same_day] == [D(2024, 1, 1), None]
        history = apps.get_model("governance", "HistoricalMembership").objects.get(id=older.pk)
        assert history.end_date == D(2023, 12, 31) and history.history_change_reason
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(leaves)
