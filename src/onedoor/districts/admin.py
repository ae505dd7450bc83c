from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from onedoor.core.admin import DistrictScopedAdmin, TenantInline
from onedoor.core.audit import audit
from onedoor.districts.models import (
    DEPARTMENT_ROLES,
    BackendSystem,
    Centre,
    Department,
    District,
    RoleAssignment,
    Staff,
    Window,
)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "city", "province")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(pk=request.user.district_id)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Centre)
class CentreAdmin(DistrictScopedAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")


@admin.register(Window)
class WindowAdmin(DistrictScopedAdmin):
    list_display = ("centre", "number", "name", "active")
    list_filter = ("active",)


@admin.register(Department)
class DepartmentAdmin(DistrictScopedAdmin):
    list_display = ("code", "name", "short_name")
    search_fields = ("code", "name")


@admin.register(BackendSystem)
class BackendSystemAdmin(DistrictScopedAdmin):
    list_display = ("code", "name", "department")
    search_fields = ("code", "name")


class RoleForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") in DEPARTMENT_ROLES and not cleaned.get("department"):
            raise forms.ValidationError(_("This role is held for a department."))
        return cleaned


class RoleInline(TenantInline, admin.TabularInline):
    """The roles of a staff account. District admins hold no Django model permissions, so the inline asks
    the same question as the account page itself (or Django would leave it off the page)."""

    model = RoleAssignment
    form = RoleForm
    extra = 0
    exclude = ("district",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "department" and not request.user.is_superuser:
            field.queryset = field.queryset.filter(district_id=request.user.district_id)
        return field


@admin.register(Staff)
class StaffAdmin(DistrictScopedAdmin, UserAdmin):
    list_display = ("username", "display_name", "centre", "is_active", "locked_until")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Profile"), {"fields": ("display_name", "district", "centre", "email", "is_active")}),
        (_("Lockout"), {"fields": ("failed_logins", "locked_until")}),
    )
    readonly_fields = ("failed_logins",)
    inlines = [RoleInline]

    def get_fieldsets(self, request, obj=None):
        """A district admin's form has no district field (it is always their own): leave it out of the
        fieldsets too, or the change page fails to render."""
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": tuple(f for f in options["fields"] if f != "district")})
            for name, options in fieldsets
        ]

    def save_formset(self, request, form, formset, change):
        """Roles granted, changed or revoked here are audited like role_grant's, one record each."""
        staff = form.instance
        formset.save(commit=False)
        for obj in formset.new_objects:
            obj.district_id = staff.district_id
            obj.save()
            self._audit_role(request, staff, "role.granted", obj)
        for obj, _fields in formset.changed_objects:
            obj.save()
            self._audit_role(request, staff, "role.changed", obj)
        for obj in formset.deleted_objects:
            self._audit_role(request, staff, "role.revoked", obj)
            obj.delete()

    @staticmethod
    def _audit_role(request, staff, action: str, assignment: RoleAssignment) -> None:
        if staff.district_id is None:
            return  # platform accounts hold no district roles worth a tenant's audit trail
        department = assignment.department.code if assignment.department_id else None
        audit(
            district=staff.district,
            actor=request.user,
            action=action,
            obj=staff,
            data={"role": assignment.role, "department": department},
        )


# --- working-day calendar (appended by the calendar work; the staff page /staff/calendar/ is the main UI) ---
from onedoor.districts.models import CalendarOverride  # noqa: E402


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(DistrictScopedAdmin):
    list_display = ("date", "is_workday", "note")
    list_filter = ("is_workday",)
    search_fields = ("note",)
    date_hierarchy = "date"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.user.is_superuser:
            return form  # the district field is on the form, so Django checks one-per-day itself
        district_id = obj.district_id if obj is not None else request.user.district_id

        class OnePerDayForm(form):
            """The district is not on the form, so Django skips the one-override-per-day constraint;
            check it here rather than fail with a database error."""

            def clean_date(self):
                day = self.cleaned_data["date"]
                others = CalendarOverride.objects.filter(district_id=district_id, date=day)
                if others.exclude(pk=self.instance.pk).exists():
                    raise forms.ValidationError(_("The district already has an override for this date."))
                return day

        return OnePerDayForm


from django.contrib import messages  # noqa: E402

from onedoor.districts.auth import token_create, tokens_revoke  # noqa: E402
from onedoor.districts.models import ApiToken  # noqa: E402


@admin.register(ApiToken)
class ApiTokenAdmin(DistrictScopedAdmin):
    """Personal API tokens. The secret is shown once, in a message, when the token is created; only its
    SHA-256 is stored. Revoking sets revoked_at; tokens are never edited."""

    list_display = ("prefix", "staff", "name", "created_at", "last_used_at", "expires_at", "revoked_at")
    fields = ("staff", "name", "expires_at")
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return
        if not request.user.is_superuser and obj.staff.district_id != request.user.district_id:
            raise PermissionError("cross-district token")
        token, secret = token_create(
            staff=obj.staff, name=obj.name, actor=request.user, expires_at=obj.expires_at
        )
        obj.pk = token.pk
        messages.warning(
            request, _("Copy the new token now; it will not be shown again: %(secret)s") % {"secret": secret}
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "staff" and not request.user.is_superuser:
            field.queryset = field.queryset.filter(district_id=request.user.district_id)
        return field

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = tokens_revoke(tokens=list(queryset), actor=request.user)
        self.message_user(request, _("%(count)d tokens revoked.") % {"count": count})
