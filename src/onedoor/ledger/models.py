"""The district's transparency log: entries (canonical JSON, append-only), every full subtree's hash (so any
proof is one query), the head that serializes appends, and the signed checkpoints."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class LedgerHead(models.Model):
    """One row per district: the log's size. Appends lock it, so indexes are dense and in commit order."""

    district = models.OneToOneField(
        "districts.District", on_delete=models.PROTECT, related_name="ledger_head"
    )
    size = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.district_id}: {self.size}"


class LedgerEntry(TenantModel):
    index = models.PositiveBigIntegerField(_("index"))
    kind = models.CharField(_("kind"), max_length=30)
    body = models.TextField(_("canonical JSON"))  # the exact bytes hashed into the leaf (UTF-8), public
    # The private record an entry's "digest" commits to (canonical JSON with a random nonce): shown only to the
    # record's holder and staff, never in the public tiles. Empty for entries with nothing private.
    opening = models.TextField(_("committed record"), blank=True)
    created_at = models.DateTimeField(_("appended at"))

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [models.UniqueConstraint(fields=["district", "index"], name="ledger_entry_index")]

    def __str__(self) -> str:
        return f"{self.index} {self.kind}"


class LedgerNode(TenantModel):
    """MTH of the full subtree of 2**level leaves starting at leaf index * 2**level (level 0: a leaf hash)."""

    level = models.PositiveSmallIntegerField()
    index = models.PositiveBigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["district", "level", "index"], name="ledger_node_key")]

    def __str__(self) -> str:
        return f"{self.level}/{self.index}"


class LedgerCheckpoint(TenantModel):
    size = models.PositiveBigIntegerField(_("tree size"))
    root = models.BinaryField(max_length=32)
    note = models.TextField(_("signed checkpoint"))
    created_at = models.DateTimeField(_("signed at"))

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        constraints = [models.UniqueConstraint(fields=["district", "size"], name="one_checkpoint_per_size")]

    def __str__(self) -> str:
        return f"checkpoint {self.size}"


class LedgerWitness(TenantModel):
    """What the log knows of one witness: the size of the latest checkpoint of this district's log it cosigned
    (or said it holds, in a 409), the old size of the next submission to it."""

    name = models.CharField(_("witness"), max_length=200)
    size = models.PositiveBigIntegerField(_("latest cosigned size"), default=0)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("ledger witness")
        verbose_name_plural = _("ledger witnesses")
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="one_state_per_witness")]

    def __str__(self) -> str:
        return f"{self.name}: {self.size}"
