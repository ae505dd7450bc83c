"""Shared base: the tenant mixin and the audit record (审计记录) every state change leaves."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TenantModel(models.Model):
    """A row owned by one district (tenant). Selectors always filter on `district`."""

    district = models.ForeignKey("districts.District", on_delete=models.PROTECT, verbose_name=_("district"))

    class Meta:
        abstract = True


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
