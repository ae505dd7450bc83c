"""How a case's result reaches the applicant (物流交付): picked up at a window, or sent by express where the
item allows it (`ItemVersion.express`), with the address, the carrier's tracking number and the states
waiting → dispatched → delivered (express) or waiting → picked up (pickup)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class Method(models.TextChoices):
    PICKUP = "pickup", _("pick up at a window (窗口自取)")
    EXPRESS = "express", _("express delivery (邮寄送达)")


class DeliveryStatus(models.TextChoices):
    WAITING = "waiting", _("waiting for the result")
    DISPATCHED = "dispatched", _("dispatched")
    DELIVERED = "delivered", _("delivered")
    PICKED_UP = "picked_up", _("picked up")


class Delivery(TenantModel):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="delivery")
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.WAITING
    )
    recipient = models.CharField(_("recipient"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    carrier = models.CharField(_("carrier"), max_length=40, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=30, blank=True)
    chosen_at = models.DateTimeField(_("chosen at"))
    chosen_by = models.CharField(_("chosen by"), max_length=150)  # a staff username, or "applicant"
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    done_at = models.DateTimeField(_("delivered or picked up at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("result delivery")
        verbose_name_plural = _("result deliveries")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.method} {self.status}"
