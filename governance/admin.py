"""The admin follows the portal's rules: seats are written by the seat workflows (who may set a
seat, history, permissions), and a staff user who is not a site administrator cannot grant
themself rights (no own seat, no login linked to a seated person, no superuser flag)."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from samverkan.admin import PermissionLabels, permission_label

from . import services
from .models import Body, BodyKind, Membership, Organisation, Person, Subscription
from .permissions import is_site_admin, may_write_seat, seat_refusal, sync_user_permissions


class SeatAdminForm(forms.ModelForm):
    """Refuses, as a form error, a seat the admin user may not set (``permissions.seat_refusal``)."""

    user = None  # the admin user, set by ``seat_form``

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body") or getattr(self.instance, "body", None)
        if body is None:
            return cleaned
        seat = Membership(body=body, person=cleaned.get("person"), role=cleaned.get("role"))
        stored = Membership.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        refusal = seat_refusal(self.user, seat, stored)
        if refusal:
            raise ValidationError(refusal, code="seat_refused")
        return cleaned


def seat_form(user):
    return type("SeatAdminForm", (SeatAdminForm,), {"user": user})


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
    """Seats in the body's admin page: site administrators only (others use the seat pages)."""

    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    fields = ["person", "organisation", "role", "start_date", "end_date", "note"]

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, form=seat_form(request.user), **kwargs)

    def has_add_permission(self, request, obj=None):
        return is_site_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_site_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_site_admin(request.user)


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
            services.membership_save(membership=membership, user=request.user)
        for membership in formset.deleted_objects:
            services.membership_delete(membership=membership, user=request.user)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "title", "organisation", "user"]
    list_filter = ["organisation"]
    search_fields = ["first_name", "last_name", "email", "title"]
    autocomplete_fields = ["organisation", "user"]

    def get_readonly_fields(self, request, obj=None):
        """Linking a login to a person gives it the person's seats: site administrators only."""
        return [] if is_site_admin(request.user) else ["user"]

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

    def get_form(self, request, obj=None, **kwargs):
        return super().get_form(request, obj, form=seat_form(request.user), **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_write_seat(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_write_seat(request.user, obj))

    def save_model(self, request, obj, form, change):
        """Through the workflow. The admin reads the row when the form is posted (and a revert
        from the history starts from a row without a version), so it saves over what is stored."""
        if change:
            obj.version = Membership.objects.values_list("version", flat=True).get(pk=obj.pk)
        services.membership_save(membership=obj, user=request.user)

    def delete_model(self, request, obj):
        services.membership_delete(membership=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        """The bulk delete action, one seat at a time through the workflow (refusals included)."""
        for membership in queryset.select_related("body__parent", "person"):
            services.membership_delete(membership=membership, user=request.user)


class SafeUserAdmin(PermissionLabels, UserAdmin):
    """Django's user admin, except that only site administrators change rights: a staff user
    with the right to edit logins cannot make anyone (themself included) staff or superuser,
    nor give groups or permissions. Permissions are listed with Swedish names."""

    # Read-only for the others; the permissions shown by their Swedish names (Django would show the
    # stored English ones).
    RIGHTS = ["is_staff", "is_superuser", "groups", "permissions_held"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if is_site_admin(request.user) else readonly + self.RIGHTS

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if is_site_admin(request.user):
            return fieldsets
        shown = {"user_permissions": "permissions_held"}
        return [
            (name, {**options, "fields": [shown.get(field, field) for field in options["fields"]]})
            for name, options in fieldsets
        ]

    @admin.display(description=_("user permissions"))
    def permissions_held(self, user):
        return ", ".join(permission_label(p) for p in user.user_permissions.select_related("content_type"))


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), SafeUserAdmin)


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Confirmed public subscriptions: read and delete only (a subscription starts by its owner's
    confirmation, never by hand)."""

    list_display = ["email", "topic", "body", "consented_at"]
    list_filter = ["topic", "body"]
    search_fields = ["email"]
    readonly_fields = ["email", "topic", "body", "consented_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
