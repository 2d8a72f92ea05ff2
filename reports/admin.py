from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from samverkan.concurrency import save_versioned

from .models import AnnualReport, CycleEvent, ReportSection, SentReminder


@admin.register(CycleEvent)
class CycleEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "when", "action", "responsible_body", "is_active"]
    list_filter = ["action", "is_active", "month"]
    search_fields = ["title", "description"]
    filter_horizontal = ["target_bodies", "target_kinds"]

    @admin.display(description=gettext_lazy("when"))
    def when(self, event):
        return event.when


class LifecycleAdmin(SimpleHistoryAdmin):
    """The lifecycle's fields are read-only (the workflows move them), frozen objects (an adopted
    report, an accepted section) can only be viewed, and a change claims the version like every
    other write, so that an editor in the portal holding the old version is told."""

    def has_change_permission(self, request, obj=None):
        editable = obj is None or obj.lifecycle.is_editable(obj)
        return editable and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        save_versioned(obj, user=request.user, reason=_("Changed in the administration"))


class ReportSectionInline(admin.TabularInline):
    """The sections at a glance; each is changed on its own page (show_change_link)."""

    model = ReportSection
    fields = readonly_fields = ["order", "title", "body", "is_thematic", "status"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(LifecycleAdmin):
    list_display = ["year", "status", "adopted_on", "adopting_body", "due_date", "pdf_status", "pdf_pages"]
    list_filter = ["status", "pdf_status"]
    readonly_fields = [
        "status",
        "adopted_on",
        "pdf",
        "pdf_status",
        "pdf_error",
        "pdf_hash",
        "pdf_pages",
        "pdf_built_at",
        "pdf_attempts",
    ]
    inlines = [ReportSectionInline]


@admin.register(ReportSection)
class ReportSectionAdmin(LifecycleAdmin):
    list_display = ["heading", "report", "body", "status", "order"]
    list_filter = ["report", "status", "is_thematic"]
    search_fields = ["title", "body__name", "summary", "body_text"]
    readonly_fields = ["status", "return_comment", "facts_snapshot", "submitted_at", "reviewed_at"]

    @admin.display(description=gettext_lazy("heading"))
    def heading(self, section):
        return section.heading


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["event", "occurrence", "body", "report", "sent_at"]
    list_filter = ["event", "report"]
    readonly_fields = ["event", "occurrence", "body", "report", "recipients", "sent_at"]
