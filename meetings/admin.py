from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samverkan.concurrency import claim
from samverkan.history import record_change

from .models import (
    AgendaItem,
    Assignment,
    Attachment,
    Attendance,
    Decision,
    Meeting,
    MinutesCorrection,
    Stance,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = ["position", "kind", "title", "presenter"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["body", "date", "start_time", "end_time", "kind", "mode", "status"]
    list_filter = ["status", "kind", "mode", "body"]
    date_hierarchy = "date"
    search_fields = ["body__name", "title"]
    autocomplete_fields = ["body", "minutes_taker"]
    readonly_fields = ["status", "approved_by", "approved_at", "approved_in", "published_at", "published_by"]
    list_select_related = ["body"]
    inlines = [AgendaItemInline, AttendanceInline]

    def save_model(self, request, obj, form, change):
        if change:
            claim(obj)  # an editor in the portal holding the old version gets a conflict
        record_change(obj, request.user, "admin")
        super().save_model(request, obj, form, change)


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "position", "kind"]
    list_filter = ["kind"]
    search_fields = ["title"]
    raw_id_fields = ["meeting", "carried_from", "approves"]
    list_select_related = ["meeting__body"]


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "item", "is_public", "size"]
    list_filter = ["is_public"]
    raw_id_fields = ["item"]


class StanceInline(admin.TabularInline):
    model = Stance
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "item", "outcome", "recorded_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["item"]
    readonly_fields = ["outcome", "recorded_by", "recorded_at"]
    inlines = [StanceInline]


@admin.register(Stance)
class StanceAdmin(SimpleHistoryAdmin):
    list_display = ["decision", "user", "position"]
    list_filter = ["position"]
    raw_id_fields = ["decision", "user"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "person", "organisation", "status", "is_guest"]
    list_filter = ["status", "is_guest"]
    raw_id_fields = ["meeting", "person"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["what", "body", "responsible_organisation", "due_date", "status"]
    list_filter = ["status", "body"]
    raw_id_fields = ["decision", "responsible_person"]
    readonly_fields = ["status"]


@admin.register(MinutesCorrection)
class MinutesCorrectionAdmin(SimpleHistoryAdmin):
    """Corrections are recorded by ``services.minutes_correct``; here they are only read."""

    list_display = ["meeting", "item", "field", "corrected_by", "corrected_at"]
    readonly_fields = [
        "meeting",
        "item",
        "field",
        "before",
        "after",
        "reason",
        "corrected_by",
        "corrected_at",
    ]

    def has_add_permission(self, request):
        return False
