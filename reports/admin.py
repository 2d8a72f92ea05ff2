from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualReport, CycleEvent, ReportSection, SentReminder


@admin.register(CycleEvent)
class CycleEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "when", "action", "responsible_body", "is_active"]
    list_filter = ["action", "is_active", "month"]
    search_fields = ["title", "description"]
    filter_horizontal = ["target_bodies", "target_kinds"]


class ReportSectionInline(admin.TabularInline):
    model = ReportSection
    fields = ["order", "title", "body", "is_thematic", "status"]
    extra = 0
    show_change_link = True


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["year", "status", "adopted_on", "adopting_body", "due_date", "pdf_status", "pdf_pages"]
    list_filter = ["status", "pdf_status"]
    readonly_fields = ["pdf_status", "pdf_error", "pdf_hash", "pdf_pages", "pdf_built_at", "pdf_attempts"]
    inlines = [ReportSectionInline]


@admin.register(ReportSection)
class ReportSectionAdmin(SimpleHistoryAdmin):
    list_display = ["heading", "report", "body", "status", "order"]
    list_filter = ["report", "status", "is_thematic"]
    search_fields = ["title", "body__name", "summary", "body_text"]
    readonly_fields = ["facts_snapshot", "submitted_at", "reviewed_at"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # an admin edit moves the optimistic lock on, like every other save
        super().save_model(request, obj, form, change)


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["event", "occurrence", "body", "report", "sent_at"]
    list_filter = ["event", "report"]
    readonly_fields = ["event", "occurrence", "body", "report", "recipients", "sent_at"]
