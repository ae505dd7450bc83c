"""The district's own settings of complaints in the admin: routing rules, time limits and reply templates
(each scoped to the caller's district, audited); complaints themselves are read only here."""

from django.contrib import admin

from onedoor.complaints.models import Complaint, ReplyTemplate, RoutingRule, TimeLimit
from onedoor.core.admin import DistrictScopedAdmin, ReadOnlyDistrictAdmin, is_tenant_admin
from onedoor.core.pagination import EstimatedCountAdminMixin


class _Settings(DistrictScopedAdmin):
    """Settings, not records: a district admin may delete them too (the deletion is audited)."""

    def has_delete_permission(self, request, obj=None):
        return is_tenant_admin(request)


@admin.register(RoutingRule)
class RoutingRuleAdmin(_Settings):
    list_display = ("item", "category", "department", "note")
    list_filter = ("category",)
    autocomplete_fields = ()
    raw_id_fields = ("item",)


@admin.register(TimeLimit)
class TimeLimitAdmin(_Settings):
    list_display = ("kind", "working_days", "source")


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(_Settings):
    list_display = ("title", "kind", "active")
    list_filter = ("kind", "active")


@admin.register(Complaint)
class ComplaintAdmin(EstimatedCountAdminMixin, ReadOnlyDistrictAdmin):
    list_display = ("number", "kind", "channel", "category", "department", "status", "deadline")
    list_filter = ("kind", "status", "channel")
    search_fields = ("number",)
    exclude = ("filer_name", "filer_phone", "submit_key", "person")  # who filed: the logged full view only
