"""Seats get an edit version (optimistic lock), and single-seat roles a database constraint.

Before the constraint, surplus open seats of a single-seat role are ended: of a body's open
chairs (or vice chairs) the one that started last stays, the others end the day before it
started (or on their own first day), each with a history row saying why.
"""

import datetime

from django.db import migrations, models
from django.utils import timezone

SINGLE_SEAT_ROLES = ["chair", "vice_chair"]


def end_surplus_open_single_seats(apps, schema_editor):
    Membership = apps.get_model("governance", "Membership")
    HistoricalMembership = apps.get_model("governance", "HistoricalMembership")
    open_seats = Membership.objects.filter(role__in=SINGLE_SEAT_ROLES, end_date__isnull=True).order_by(
        "body_id", "role", "-start_date", "-pk"
    )
    kept = {}
    for seat in open_seats:
        keeper = kept.setdefault((seat.body_id, seat.role), seat)
        if keeper is seat:
            continue
        seat.end_date = max(seat.start_date, keeper.start_date - datetime.timedelta(days=1))
        seat.save(update_fields=["end_date"])
        HistoricalMembership.objects.create(
            id=seat.pk,
            body_id=seat.body_id,
            person_id=seat.person_id,
            organisation_id=seat.organisation_id,
            role=seat.role,
            start_date=seat.start_date,
            end_date=seat.end_date,
            note=seat.note,
            history_date=timezone.now(),
            history_type="~",
            history_change_reason="Avslutad: en senare öppen plats med samma roll finns",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_adopt_plans_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.RunPython(end_surplus_open_single_seats, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                condition=models.Q(("end_date__isnull", True), ("role__in", ["chair", "vice_chair"])),
                fields=("body", "role"),
                name="one_open_seat_per_single_seat_role",
                violation_error_code="second_chair",
            ),
        ),
    ]
