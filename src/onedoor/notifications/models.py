"""Notifications to applicants (SMS / WeChat): written in the transaction of the change that causes them,
sent afterwards by the worker through the configured sender (`notifications/senders.py`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class Topic(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    CORRECTION = "correction", _("correction needed")
    DECISION = "decision", _("decision")
    COMPLETED = "completed", _("completed")
    PREREVIEW = "prereview", _("pre-review result")


class Notification(TenantModel):
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="notifications"
    )
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    channel = models.CharField(_("channel"), max_length=10, default="sms")  # sms / wechat
    to = models.CharField(_("to"), max_length=40)  # the phone number (masked wherever listed)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sender = models.CharField(_("sent by"), max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["sent_at", "id"], name="notification_unsent")]

    def __str__(self) -> str:
        return f"{self.topic} → {self.to}"
