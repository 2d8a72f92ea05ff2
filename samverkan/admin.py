"""The kernel's admin, Swedish permission names, and Swedish labels for django-celery-beat's admin.

Django stores a permission's name once, in English ("Can add meeting"), when it creates it; the
user and group admins show that stored name. Here they show it in the active language instead,
made at display time from the model (``permission_label``).

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
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import get_language, gettext
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

# Django's default permissions, named as Django names them ("Can add meeting"), to be translated.
DEFAULT_PERMISSION_NAMES = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}
HISTORICAL = _("historical %(model)s")


def permission_label(permission):
    """``app | model | name`` as Django's ``str(permission)``, in the active language: the name of a
    default permission made from the model's verbose name, one of ``Meta.permissions`` from its
    (translatable) declaration. simple-history names its models "historical <model>" in English
    only, so they are named here. A permission whose model is gone keeps its stored label."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    original = getattr(model, "instance_type", None)  # a simple-history model: the tracked model
    if original is not None and issubclass(original, models.Model):
        model_name = HISTORICAL % {"model": original._meta.verbose_name}
    else:  # gettext: a third-party model may have an English name of its own, not marked
        model_name = gettext(str(model._meta.verbose_name))
    name = permission.name
    action, _sep, codename_model = permission.codename.partition("_")
    declared = dict(model._meta.permissions)
    if permission.codename in declared:
        name = gettext(declared[permission.codename])
    elif action in DEFAULT_PERMISSION_NAMES and codename_model == model._meta.model_name:
        name = DEFAULT_PERMISSION_NAMES[action] % {"model": model_name}
    return f"{model._meta.app_config.verbose_name} | {model_name} | {name}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class PermissionLabels:
    """For a ModelAdmin: its many-to-many fields to ``Permission`` list the names in Swedish."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.remote_field.model is Permission:
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class SwedishGroupAdmin(PermissionLabels, GroupAdmin):
    pass


admin.site.unregister(Group)
admin.site.register(Group, SwedishGroupAdmin)


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
