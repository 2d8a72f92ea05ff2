from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionPlan, Activity, CollaborationPlan, FocusArea, FollowUp, Goal


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0


@admin.register(CollaborationPlan)
class CollaborationPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "period", "adopted_by", "adopted_on"]
    inlines = [FocusAreaInline]


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["body", "period", "revision", "status", "adopted_on"]
    list_filter = ["status", "period"]
    list_select_related = ["body"]
    search_fields = ["body__name"]
    # The lifecycle moves these (services); the admin shows them.
    readonly_fields = [
        "status",
        "revision",
        "revises",
        "submitted_at",
        "submitted_by",
        "adopted_on",
        "adopted_by_body",
        "adopted_by",
    ]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "focus_area", "delegated", "order"]
    list_filter = ["delegated", "in_appendix"]
    list_select_related = ["plan__body", "implements__plan__body", "focus_area"]
    raw_id_fields = ["implements"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "status", "order"]
    list_filter = ["status"]
    list_select_related = ["plan__body"]
    raw_id_fields = ["goal"]
    readonly_fields = ["status"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "date", "status", "author"]
    list_filter = ["status"]
    raw_id_fields = ["activity", "author"]
