"""Queue tickets (取号叫号): one pooled queue per centre, served by all its generalist windows.

A ticket is taken at the centre (by staff at reception, at a kiosk, or by checking in an appointment), waits,
is called to a window, and ends served (`done`) or `skipped` (not there when called). Its three moments —
taken, called, finished — give the waiting and service times the capacity planner starts from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class Kind(models.TextChoices):
    PRIORITY = "priority", _("priority (elderly, disabled, pregnant)")
    APPOINTMENT = "appointment", _("appointment")
    WALK_IN = "walk_in", _("walk-in")


# The letter a ticket number starts with, and the order tickets are called in (a transferred ticket first).
PREFIX = {Kind.PRIORITY: "V", Kind.APPOINTMENT: "B", Kind.WALK_IN: "A"}
RANK = {Kind.PRIORITY: 1, Kind.APPOINTMENT: 2, Kind.WALK_IN: 3}


class Source(models.TextChoices):
    STAFF = "staff", _("reception staff")
    KIOSK = "kiosk", _("kiosk")
    APPOINTMENT = "appointment", _("appointment check-in")


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    CALLED = "called", _("called to a window")
    DONE = "done", _("served")
    SKIPPED = "skipped", _("skipped (not there when called)")


class Ticket(TenantModel):
    centre = models.ForeignKey("districts.Centre", on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    rank = models.PositiveSmallIntegerField(_("call order"))
    seq = models.PositiveIntegerField(_("number of the day"))
    number = models.CharField(_("ticket number"), max_length=8)
    source = models.CharField(_("taken through"), max_length=12, choices=Source.choices)
    priority_reason = models.CharField(_("priority reason"), max_length=40, blank=True)
    item = models.ForeignKey(
        "catalog.Item",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("item"),
    )
    department = models.ForeignKey(
        "districts.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=TicketStatus.choices)
    taken_at = models.DateTimeField(_("taken at"))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    window = models.ForeignKey(
        "districts.Window", null=True, blank=True, on_delete=models.PROTECT, related_name="tickets"
    )
    # A transferred ticket waits for this window only, ahead of the rest.
    target_window = models.ForeignKey(
        "districts.Window", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    called_by = models.ForeignKey(
        "districts.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recalls = models.PositiveSmallIntegerField(_("recalls"), default=0)
    last_called_at = models.DateTimeField(_("last called at"), null=True, blank=True)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    take_key = models.CharField(max_length=100, null=True, blank=True)  # Idempotency-Key of the take
    call_key = models.CharField(max_length=100, blank=True)  # Idempotency-Key of the call that got it

    class Meta:
        verbose_name = _("queue ticket")
        verbose_name_plural = _("queue tickets")
        constraints = [
            models.UniqueConstraint(fields=["centre", "day", "kind", "seq"], name="ticket_number_per_day"),
            models.UniqueConstraint(fields=["centre", "take_key"], name="one_ticket_per_take_key"),
        ]
        indexes = [
            # call next: the centre's waiting tickets of the day in call order
            models.Index(
                fields=["centre", "day", "status", "rank", "taken_at", "id"],
                name="ticket_call_order",
            ),
            models.Index(fields=["window", "status"], name="ticket_at_window"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def waited_seconds(self) -> float | None:
        return (self.called_at - self.taken_at).total_seconds() if self.called_at else None

    @property
    def served_seconds(self) -> float | None:
        if self.called_at and self.finished_at and self.status == TicketStatus.DONE:
            return (self.finished_at - self.called_at).total_seconds()
        return None
