"""Shared base: the tenant mixin and the audit record (审计记录) every state change leaves."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TenantModel(models.Model):
    """A row owned by one district (tenant). Selectors always filter on `district`."""

    district = models.ForeignKey("districts.District", on_delete=models.PROTECT, verbose_name=_("district"))

    class Meta:
        abstract = True


class StepModel(TenantModel):
    """One append-only step of a workflow object (a complaint, a rectification): who, when, with what note and
    data, and the Idempotency-Key of the request that made it. Subclasses add the object's foreign key and the
    action and from/to status fields sized for their states, and make (object, key) unique when key is set."""

    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=100, blank=True)  # the Idempotency-Key of the request

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class AuditRecord(TenantModel):
    """Who did what, when, to which object, and why. Append-only: never edited, never deleted."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("actor")
    )
    actor_label = models.CharField(_("actor label"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        indexes = [models.Index(fields=["district", "object_type", "object_id"])]
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"
        )


class ConfigGeneration(models.Model):
    """One row: a random value that database triggers replace whenever the configuration every acceptance
    reads changes (items and their versions, materials and stages; centres, departments, back-end systems,
    calendars, signing keys; routes and connectors' routing columns). Readers cache that configuration per
    value (`core/config_cache.py`). Random, not a counter: a rolled-back change leaves the old value and no
    later change can reuse the value it had."""

    value = models.BigIntegerField()

    class Meta:
        db_table = "core_configgeneration"

    def __str__(self) -> str:
        return f"configuration generation {self.value}"
