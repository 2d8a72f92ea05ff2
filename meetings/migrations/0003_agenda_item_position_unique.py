"""Agenda numbers are unique per meeting (checked at commit); duplicates left by concurrent
additions are renumbered first, in the order they were shown (number, then id)."""

import django.db.models.constraints
from django.db import migrations, models
from django.db.models import Count


def renumber_duplicates(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    clashing = (
        AgendaItem.objects.values("meeting_id", "position")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("meeting_id", flat=True)
    )
    for meeting_id in set(clashing):
        items = AgendaItem.objects.filter(meeting_id=meeting_id).order_by("position", "pk")
        for position, item in enumerate(items, start=1):
            if item.position != position:
                AgendaItem.objects.filter(pk=item.pk).update(position=position)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_minutes_corrections"),
    ]

    operations = [
        migrations.RunPython(renumber_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=models.UniqueConstraint(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("meeting", "position"),
                name="agenda_item_position_unique",
            ),
        ),
    ]
