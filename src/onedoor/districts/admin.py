from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from onedoor.core.admin import DistrictScopedAdmin
from onedoor.districts.models import (
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


class RoleInline(admin.TabularInline):
    model = RoleAssignment
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

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            obj.district_id = form.instance.district_id
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()


# --- working-day calendar (appended by the calendar work; the staff page /staff/calendar/ is the main UI) ---
from django import forms  # noqa: E402

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
