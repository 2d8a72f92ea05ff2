"""The kernel's admin, and Swedish labels for django-celery-beat's admin.

django-celery-beat translates its fields (the Swedish catalogue is in locale/thirdparty/) but
names a few columns in plain English that no catalogue can reach: the "scheduler" and "Crontab
translation" columns, its inline's "Task Name" and the crontab in words (English from
cron-descriptor). Its admins are registered again here with those labels translatable.
"""

from cron_descriptor import (
    ExpressionDescriptor,
    FormatException,
    MissingFieldException,
    Options,
    WrongArgumentException,
)
from django.contrib import admin
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: the rows are written and moved by samverkan.outbox (the sweeper re-queues)."""

    list_display = ["kind", "key", "status", "attempts", "deadline", "done_at"]
    list_filter = ["kind", "status"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _cron_in_words(crontab):
    """The crontab in words, in Swedish on a Swedish page (cron-descriptor's own catalogues)."""
    options = Options()
    options.locale_code = "sv_SE" if get_language() == "sv" else "en_US"
    options.use_24hour_time_format = True
    fields = (crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year, crontab.day_of_week)
    try:
        words = ExpressionDescriptor(" ".join(fields), options).get_description()
    except (FormatException, MissingFieldException, WrongArgumentException):
        return crontab.human_readable
    return f"{words} ({crontab.timezone})"


class TaskFilter(admin.AllValuesFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("task")


class PeriodicTaskInline(beat_admin.PeriodicTaskInline):
    fields = readonly_fields = ("name", "task_name", "args", "kwargs")

    @admin.display(description=_("task"))
    def task_name(self, task):
        return task.task


class PeriodicTaskAdmin(beat_admin.PeriodicTaskAdmin):
    list_display = [
        "kind_of_schedule" if name == "scheduler" else name
        for name in beat_admin.PeriodicTaskAdmin.list_display
    ]
    list_filter = [
        ("task", TaskFilter) if name == "task" else name for name in beat_admin.PeriodicTaskAdmin.list_filter
    ]

    @admin.display(description=_("schedule"))
    def kind_of_schedule(self, task):
        return task.scheduler

    @admin.display(description=_("in words"))
    def crontab_translation(self, task):
        return _cron_in_words(task.crontab) if task.crontab_id else ""


class CrontabScheduleAdmin(beat_admin.CrontabScheduleAdmin):
    inlines = [PeriodicTaskInline]
    list_display = ("__str__", "in_words")
    fields = ("in_words", "minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")
    readonly_fields = ("in_words",)

    @admin.display(description=_("in words"))
    def in_words(self, crontab):
        return _cron_in_words(crontab)


class ClockedScheduleAdmin(beat_admin.ClockedScheduleAdmin):
    inlines = [PeriodicTaskInline]


class SolarScheduleAdmin(beat_admin.SolarScheduleAdmin):
    inlines = [PeriodicTaskInline]


class IntervalScheduleAdmin(beat_admin.IntervalScheduleAdmin):
    inlines = [PeriodicTaskInline]


for model, model_admin in (
    (PeriodicTask, PeriodicTaskAdmin),
    (CrontabSchedule, CrontabScheduleAdmin),
    (ClockedSchedule, ClockedScheduleAdmin),
    (SolarSchedule, SolarScheduleAdmin),
    (IntervalSchedule, IntervalScheduleAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
