from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Body, BodyKind, Membership, Organisation, Person
from .permissions import sync_user_permissions


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(BodyKind)
class BodyKindAdmin(admin.ModelAdmin):
    list_display = ["name", "name_plural", "order", "chair_term_months"]
    list_editable = ["order"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    fields = ["person", "organisation", "role", "start_date", "end_date", "note"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "start_date", "end_date"]
    list_filter = ["kind", "parent"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "successor", "plans_adopted_by"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # an editor in the portal holding the old version gets a conflict
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Seats edited inline go through the membership workflows (permissions follow)."""
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        for membership in formset.save(commit=False):
            previous = Membership.objects.filter(pk=membership.pk).select_related("person__user").first()
            services.membership_save(
                membership=membership, previous_person=previous.person if previous else None
            )
        for membership in formset.deleted_objects:
            services.membership_delete(membership=membership)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "title", "organisation", "user"]
    list_filter = ["organisation"]
    search_fields = ["first_name", "last_name", "email", "title"]
    autocomplete_fields = ["organisation", "user"]

    def save_model(self, request, obj, form, change):
        previous_user = None
        if change and "user" in form.changed_data:
            previous_user = Person.objects.get(pk=obj.pk).user
        super().save_model(request, obj, form, change)
        for user in {obj.user, previous_user} - {None}:
            sync_user_permissions(user)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["body", "person", "role", "organisation", "start_date", "end_date"]
    list_filter = ["role", "body__kind", "body"]
    search_fields = ["person__first_name", "person__last_name", "body__name"]
    autocomplete_fields = ["body", "person", "organisation"]
    list_select_related = ["body", "person", "organisation"]

    def save_model(self, request, obj, form, change):
        previous = Membership.objects.filter(pk=obj.pk).select_related("person").first()
        services.membership_save(membership=obj, previous_person=previous.person if previous else None)

    def delete_model(self, request, obj):
        services.membership_delete(membership=obj)
