"""Citizens and enterprise agents log in with the provincial identity provider (OpenID Connect). Each login
is recorded with the trust level the provider vouched for (L2 self-declared … L5 certificate or counter) and
the enterprises it vouched the person may act for (法定代表人 or 授权经办人)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class CitizenLogin(TenantModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="logins")
    at = models.DateTimeField(_("at"))
    issuer = models.CharField(_("identity provider"), max_length=200)
    subject = models.CharField(_("subject at the provider"), max_length=200)
    level = models.PositiveSmallIntegerField(_("identity trust level"))
    # The legal persons the provider said this login may act for: [{"uscc", "role"}].
    enterprises = models.JSONField(_("may act for"), default=list, blank=True)
    ledger_index = models.PositiveBigIntegerField(_("ledger entry"), null=True, blank=True)  # L4 and above

    class Meta:
        verbose_name = _("citizen login")
        verbose_name_plural = _("citizen logins")
        indexes = [models.Index(fields=["person", "-at"], name="citizen_login_recent")]
