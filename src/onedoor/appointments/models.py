"""Appointments (办事预约): a centre offers slots for an item (or for any item) on its working days; a person
books one, may cancel or move it, and checks in at the centre, which turns the booking into a queue ticket
ahead of the walk-ins. A booking nobody checks in for is a no-show; too many no-shows stop new bookings for a
while."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


def default_sessions() -> list[list[str]]:
    return [["09:00", "12:00"], ["13:30", "17:00"]]


class SlotPlan(TenantModel):
    """When a centre takes appointments for an item (no item: for any item): opening sessions on working days,
    split into slots of `slot_minutes`, each for `capacity` people, up to `horizon_days` ahead."""

    centre = models.ForeignKey("districts.Centre", on_delete=models.PROTECT, related_name="slot_plans")
    item = models.ForeignKey(
        "catalog.Item",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("item"),
    )
    sessions = models.JSONField(_("opening sessions"), default=default_sessions)
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)
    capacity = models.PositiveSmallIntegerField(_("people per slot"), default=4)
    horizon_days = models.PositiveSmallIntegerField(_("days ahead that can be booked"), default=14)
    enabled = models.BooleanField(_("taking bookings"), default=True)

    class Meta:
        verbose_name = _("appointment plan")
        verbose_name_plural = _("appointment plans")
        constraints = [models.UniqueConstraint(fields=["centre", "item"], name="one_plan_per_centre_item")]

    def __str__(self) -> str:
        return f"{self.centre} · {self.item.code if self.item_id else '*'}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("booked")
    CHECKED_IN = "checked_in", _("checked in")
    CANCELLED = "cancelled", _("cancelled")
    NO_SHOW = "no_show", _("not come")


class Appointment(TenantModel):
    number = models.CharField(_("appointment number"), max_length=12)
    plan = models.ForeignKey(SlotPlan, on_delete=models.PROTECT, related_name="appointments")
    centre = models.ForeignKey("districts.Centre", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "catalog.Item", on_delete=models.PROTECT, related_name="+", verbose_name=_("item")
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(_("status"), max_length=12, choices=AppointmentStatus.choices)
    channel = models.CharField(_("booked through"), max_length=12)
    booked_at = models.DateTimeField(_("booked at"))
    booked_by = models.ForeignKey(
        "districts.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("cancelled, checked in or marked at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    moved_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="moved_to"
    )
    ticket = models.OneToOneField(
        "tickets.Ticket", null=True, blank=True, on_delete=models.PROTECT, related_name="appointment"
    )
    key = models.CharField(max_length=100, null=True, blank=True)  # Idempotency-Key of the booking

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.UniqueConstraint(fields=["district", "number"], name="appointment_number_per_district"),
            models.UniqueConstraint(fields=["district", "key"], name="one_booking_per_key"),
        ]
        indexes = [
            models.Index(fields=["plan", "starts_at", "status"], name="appointment_slot"),
            models.Index(fields=["person", "status", "starts_at"], name="appointment_person"),
            models.Index(fields=["centre", "starts_at"], name="appointment_centre_day"),
        ]

    def __str__(self) -> str:
        return self.number
