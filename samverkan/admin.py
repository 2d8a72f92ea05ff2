from django.contrib import admin

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
