"""Appointment plans are set by the district's administrators (checked by the booking rules, audited through
`plan_set`); bookings are read-only here — they change through the window's page and the API."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from onedoor.appointments import services
from onedoor.appointments.models import Appointment, SlotPlan
from onedoor.core.admin import DistrictScopedAdmin, ReadOnlyDistrictAdmin
from onedoor.core.errors import DomainError


class SlotPlanForm(forms.ModelForm):
    class Meta:
        model = SlotPlan
        fields = ("centre", "item", "sessions", "slot_minutes", "capacity", "horizon_days", "enabled")

    def clean(self):
        data = super().clean()
        try:
            services.plan_check(
                sessions=data.get("sessions"),
                slot_minutes=data.get("slot_minutes") or 0,
                capacity=data.get("capacity") or 0,
                horizon_days=data.get("horizon_days") or 0,
            )
        except DomainError as error:
            raise ValidationError(str(error.message)) from None
        return data


@admin.register(SlotPlan)
class SlotPlanAdmin(DistrictScopedAdmin):
    form = SlotPlanForm
    list_display = ("centre", "item", "slot_minutes", "capacity", "horizon_days", "enabled")
    list_select_related = ("centre", "item")

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        plan = services.plan_set(
            centre=data["centre"],
            item=data.get("item"),
            sessions=data["sessions"],
            slot_minutes=data["slot_minutes"],
            capacity=data["capacity"],
            horizon_days=data["horizon_days"],
            enabled=data["enabled"],
            actor=request.user,
        )
        obj.pk, obj.district_id = plan.pk, plan.district_id
        obj._state.adding = False


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyDistrictAdmin):
    list_display = ("number", "centre", "item", "starts_at", "status", "channel", "booked_at")
    list_filter = ("status", "channel")
    list_select_related = ("centre", "item__current")
    search_fields = ("number",)
    exclude = ("person",)  # a booking's person is seen on the window's page, masked
