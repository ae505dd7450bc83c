"""Back-end systems behind the one front (后台专业系统对接): a connector per system, routes saying which items'
cases go to it, the outbox of events it must learn (written in the transaction of the change), and the
hash-chained log of every message in and out."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class ConnectorKind(models.TextChoices):
    PUSH = "push", _("HTTP JSON push with signed callbacks")
    JUMP = "jump", _("jump link (跳转) only")
    PROVINCE = "province", _("provincial online hall (case summaries and status changes)")


class Connector(TenantModel):
    """How OneDoor talks to one back-end system — or, with kind `province` and no system, to the provincial
    online hall (省网上办事大厅), which learns every case's status changes. The shared secret is stored
    encrypted (`secrets.py`) and never shown again after it is entered."""

    system = models.OneToOneField(
        "districts.BackendSystem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="connector",
        verbose_name=_("system"),
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=ConnectorKind.choices, default=ConnectorKind.PUSH
    )
    base_url = models.URLField(_("event endpoint URL"), max_length=300)
    jump_url = models.URLField(_("jump link URL"), max_length=300, blank=True)
    secret_encrypted = models.TextField(_("shared secret (encrypted)"), editable=False)
    timeout_seconds = models.PositiveSmallIntegerField(_("timeout (seconds)"), default=10)
    max_concurrency = models.PositiveSmallIntegerField(_("messages in flight at most"), default=4)
    rate_per_minute = models.PositiveIntegerField(_("messages per minute at most"), default=600)
    enabled = models.BooleanField(_("enabled"), default=True)
    # Circuit breaker: after `breaker_threshold` failures in a row the system is left alone until `open_until`.
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    open_until = models.DateTimeField(_("circuit open until"), null=True, blank=True)

    class Meta:
        verbose_name = _("connector")
        verbose_name_plural = _("connectors")
        constraints = [
            models.UniqueConstraint(
                fields=["district"],
                condition=models.Q(kind="province"),
                name="one_province_hall_per_district",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="province", system__isnull=True)
                | (~models.Q(kind="province") & models.Q(system__isnull=False)),
                name="system_unless_province_hall",
            ),
        ]

    PROVINCE_CODE = "PROVINCE"

    @property
    def code(self) -> str:
        """The system's code, or PROVINCE for the provincial online hall (names it in logs and commands)."""
        return self.system.code if self.system_id else self.PROVINCE_CODE

    @property
    def label(self) -> str:
        return self.system.name if self.system_id else str(_("Provincial online hall"))

    def __str__(self) -> str:
        return f"{self.code} → {self.base_url}"


class Route(TenantModel):
    """Which cases go to a connector: those of one item, or (no item) of every item of the system's department;
    and which stages the back-end decides (it reports them by callback)."""

    connector = models.ForeignKey(Connector, on_delete=models.CASCADE, related_name="routes")
    item = models.ForeignKey(
        "catalog.Item", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("item")
    )
    decides = models.JSONField(_("stages it decides"), default=list, blank=True)

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        constraints = [models.UniqueConstraint(fields=["connector", "item"], name="one_route_per_item")]


class Event(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    MATERIALS_SUPPLIED = "materials_supplied", _("materials supplied")
    CORRECTION_REQUESTED = "correction_requested", _("correction requested")
    WITHDRAWN = "withdrawn", _("withdrawn")
    DECIDED = "decided", _("decided")
    REVOKED = "revoked", _("revoked")
    STATUS_CHANGED = "status_changed", _("status changed")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be delivered")
    SENDING = "sending", _("being delivered")
    DELIVERED = "delivered", _("delivered")
    DEAD = "dead", _("dead letter")


class OutboxMessage(TenantModel):
    """One event a back-end must learn. Written in the transaction of the change; delivered at least once by
    `onedoor worker`, in `sequence` order per case and connector, with `key` as the idempotency key."""

    connector = models.ForeignKey(Connector, on_delete=models.PROTECT, related_name="messages")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="outbox")
    sequence = models.PositiveIntegerField(_("sequence in the case"))
    event = models.CharField(_("event"), max_length=24, choices=Event.choices)
    payload = models.JSONField(_("payload"))
    key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"))
    retry_from = models.DateTimeField(_("retry budget counted from"))
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        constraints = [
            models.UniqueConstraint(fields=["connector", "case", "sequence"], name="one_sequence_per_case")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["connector", "case", "sequence"], name="outbox_case_order"),
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.sequence} → {self.connector_id}"


class Direction(models.TextChoices):
    OUT = "out", _("out")
    IN = "in", _("in")


class LogEntry(TenantModel):
    """One message in or out, per connector in a hash chain (`log.py`): the body's SHA-256, the signature, what
    became of it. Rows are never updated or deleted; `onedoor integrations verify-log` finds any edit or gap."""

    connector = models.ForeignKey(Connector, on_delete=models.PROTECT, related_name="log")
    seq = models.PositiveBigIntegerField(_("sequence"))
    at = models.DateTimeField(_("at"))
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    case_number = models.CharField(_("case number"), max_length=32, blank=True, db_index=True)
    message_key = models.CharField(_("message or callback id"), max_length=64, blank=True)
    kind = models.CharField(_("event or action"), max_length=40, blank=True)
    body_hash = models.CharField(_("body SHA-256"), max_length=64)
    signature = models.CharField(_("signature"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    attempt = models.PositiveIntegerField(_("attempt"), default=0)
    detail = models.TextField(_("detail"), blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("message log entry")
        verbose_name_plural = _("message log")
        constraints = [models.UniqueConstraint(fields=["connector", "seq"], name="one_log_seq_per_connector")]
        indexes = [models.Index(fields=["connector", "direction", "at"], name="log_recent")]


class CallbackStatus(models.TextChoices):
    APPLIED = "applied", _("applied")
    HELD = "held", _("held until the earlier ones arrive")
    REJECTED = "rejected", _("rejected")


class InboundCallback(TenantModel):
    """A stage result reported by a back-end (signed callback). Applied once per `callback_id`; applied in
    `sequence` order per case: a later one waits (held) for the earlier ones."""

    connector = models.ForeignKey(Connector, on_delete=models.PROTECT, related_name="callbacks")
    callback_id = models.CharField(_("callback id"), max_length=64)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="callbacks")
    sequence = models.PositiveIntegerField(_("sequence in the case"))
    action = models.CharField(_("action"), max_length=24)
    body = models.JSONField(_("body"))
    status = models.CharField(_("status"), max_length=10, choices=CallbackStatus.choices)
    received_at = models.DateTimeField(_("received at"))
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("callback")
        verbose_name_plural = _("callbacks")
        constraints = [
            models.UniqueConstraint(fields=["connector", "callback_id"], name="one_callback_id_per_connector")
        ]
        indexes = [models.Index(fields=["connector", "case", "sequence"], name="callback_case_order")]


class JumpLink(TenantModel):
    """A signed, one-use link that opens a case in a back-end's own UI (跳转) for one officer, for 2 minutes.
    The back-end checks the signature and redeems the nonce here once (`jumps.py`)."""

    connector = models.ForeignKey(Connector, on_delete=models.PROTECT, related_name="jumps")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="jumps")
    staff = models.ForeignKey("districts.Staff", on_delete=models.PROTECT, related_name="+")
    nonce = models.CharField(_("nonce"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    redeemed_at = models.DateTimeField(_("redeemed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("jump link")
        verbose_name_plural = _("jump links")
