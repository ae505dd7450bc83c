"""Admin base for tenant data: a district's admins see and change only their own district's rows."""

from __future__ import annotations

from django.contrib import admin

from onedoor.core.audit import audit


def caller_district_id(request) -> int | None:
    return getattr(request.user, "district_id", None)


def _district_of(obj, district_field: str):
    target = obj
    for part in district_field.split("__"):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


def is_tenant_admin(request) -> bool:
    """A platform superuser, or a staff account holding the district-admin role of its district."""
    user = request.user
    return user.is_superuser or (
        user.is_staff and user.district_id is not None and user.has_role("district_admin")
    )


class TenantInline:
    """Inline permissions follow the district scoping of the page (district admins hold no model perms, so
    Django would otherwise leave the inline off the page)."""

    extra = 0

    def has_view_permission(self, request, obj=None):
        return is_tenant_admin(request)

    def has_add_permission(self, request, obj=None):
        return is_tenant_admin(request)

    def has_change_permission(self, request, obj=None):
        return is_tenant_admin(request)

    def has_delete_permission(self, request, obj=None):
        return is_tenant_admin(request)


class DistrictScopedAdmin(admin.ModelAdmin):
    """Filters every list and form to the caller's district; platform superusers see all.

    `district_field` names the lookup to the district (e.g. "item__district" for a child model).
    """

    district_field = "district"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.district_field}_id": caller_district_id(request)})

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.user.is_superuser or self.district_field != "district":
            return form
        district_id = caller_district_id(request)

        class DistrictForm(form):
            """Validates per-district uniqueness although the district is not a field on the form."""

            def _post_clean(self):
                self.instance.district_id = district_id
                super()._post_clean()

            def _get_validation_exclusions(self):
                exclude = super()._get_validation_exclusions()
                exclude.discard("district")
                return exclude

        return DistrictForm

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser and self.district_field == "district":
            excluded.append("district")
        return excluded

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if request.user.is_superuser or field is None:
            return field
        related = db_field.related_model
        district_id = caller_district_id(request)
        if related._meta.label == "districts.District":
            field.queryset = field.queryset.filter(pk=district_id)
        elif any(f.name == "district" for f in related._meta.get_fields()):
            field.queryset = field.queryset.filter(district_id=district_id)
        return field

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and self.district_field == "district":
            obj.district_id = caller_district_id(request)
        super().save_model(request, obj, form, change)
        self._audit(request, obj, "admin.changed" if change else "admin.added", list(form.changed_data))

    def delete_model(self, request, obj):
        self._audit(request, obj, "admin.deleted", [])
        super().delete_model(request, obj)

    def _audit(self, request, obj, action: str, fields: list[str]) -> None:
        district = _district_of(obj, self.district_field)
        if district is not None:
            audit(district=district, actor=request.user, action=action, obj=obj, data={"fields": fields})

    def has_module_permission(self, request):
        return request.user.is_active and (
            request.user.is_superuser or caller_district_id(request) is not None
        )

    def _tenant_admin(self, request) -> bool:
        return is_tenant_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._tenant_admin(request)

    def has_add_permission(self, request):
        return self._tenant_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._tenant_admin(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ReadOnlyDistrictAdmin(DistrictScopedAdmin):
    """For logs and records that must never be changed through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from onedoor.core.models import AuditRecord  # noqa: E402
from onedoor.core.pagination import EstimatedCountAdminMixin  # noqa: E402


@admin.register(AuditRecord)
class AuditRecordAdmin(EstimatedCountAdminMixin, ReadOnlyDistrictAdmin):
    list_display = ("at", "actor_label", "action", "object_type", "object_id", "reason")
    list_filter = ("action",)
    search_fields = ("object_id", "actor_label", "action")
    date_hierarchy = "at"
