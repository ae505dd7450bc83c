"""Queue tickets are read-only here: they change only at the windows (the console and the API)."""

from __future__ import annotations

from django.contrib import admin

from onedoor.core.admin import ReadOnlyDistrictAdmin
from onedoor.core.pagination import EstimatedCountAdminMixin
from onedoor.tickets.models import Ticket


@admin.register(Ticket)
class TicketAdmin(EstimatedCountAdminMixin, ReadOnlyDistrictAdmin):
    list_display = (
        "number",
        "centre",
        "day",
        "kind",
        "status",
        "taken_at",
        "called_at",
        "finished_at",
        "window",
    )
    list_filter = ("status", "kind", "day")
    list_select_related = ("centre", "window")
    search_fields = ("number",)
    date_hierarchy = "taken_at"
