"""People identified by one number (一号): persons by resident ID number (GB 11643), enterprises by unified
social credit code (GB 32100); their verified records (数据沉淀, settled data) and the log of every full
view and every use of their data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class IdentityLevel(models.IntegerChoices):
    L2 = 2, _("L2 self-declared")
    L3 = 3, _("L3 matched to the population register")
    L4 = 4, _("L4 face check")
    L5 = 5, _("L5 certificate or counter check")


class Person(TenantModel):
    """A natural person (自然人) known to the district."""

    id_number = models.CharField(_("resident ID number"), max_length=18)
    name = models.CharField(_("name"), max_length=60)
    sex = models.CharField(_("sex"), max_length=1, choices=[("M", _("male")), ("F", _("female"))])
    birth_date = models.DateField(_("birth date"))
    region_code = models.CharField(_("region code"), max_length=6)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    identity_level = models.PositiveSmallIntegerField(
        _("identity level"), choices=IdentityLevel.choices, default=IdentityLevel.L2
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.UniqueConstraint(fields=["district", "id_number"], name="person_number_per_district")
        ]
        # Name-prefix search; the pattern opclass lets PostgreSQL serve LIKE 'x%' under any collation.
        indexes = [
            models.Index(
                fields=["district", "name"],
                name="person_name_prefix",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            )
        ]

    def __str__(self) -> str:
        return self.name


class Enterprise(TenantModel):
    """A legal person (法人) known to the district."""

    uscc = models.CharField(_("unified social credit code"), max_length=18)
    name = models.CharField(_("name"), max_length=200)
    legal_representative = models.CharField(_("legal representative"), max_length=60, blank=True)
    representative_id_number = models.CharField(_("representative ID number"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = [
            models.UniqueConstraint(fields=["district", "uscc"], name="enterprise_code_per_district")
        ]
        indexes = [
            models.Index(
                fields=["district", "name"],
                name="enterprise_name_prefix",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            )
        ]

    def __str__(self) -> str:
        return self.name


class TrustLevel(models.TextChoices):
    A = "A", _("A issued by an agency")
    B = "B", _("B checked by staff against the original")
    C = "C", _("C uploaded by the user")
    D = "D", _("D self-declared under a promise")


class SourceKind(models.TextChoices):
    CASE = "case", _("a case")
    DEPARTMENT = "department", _("a department")
    DOCUMENT = "document", _("a document")


class VerifiedRecord(TenantModel):
    """Something a person or enterprise proved once (数据沉淀), kept with its source and trust level so later
    applications in any department reuse it instead of asking again."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="records"
    )
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.CASCADE, related_name="records"
    )
    record_type = models.CharField(_("record type"), max_length=40)
    payload = models.JSONField(_("payload"), default=dict)
    source_kind = models.CharField(_("source"), max_length=12, choices=SourceKind.choices)
    source_ref = models.CharField(_("source reference"), max_length=120, blank=True)
    source_department = models.ForeignKey(
        "districts.Department", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("department")
    )
    trust_level = models.CharField(_("trust level"), max_length=1, choices=TrustLevel.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("verified record")
        verbose_name_plural = _("verified records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, enterprise__isnull=True)
                | models.Q(person__isnull=True, enterprise__isnull=False),
                name="record_has_one_holder",
            )
        ]
        ordering = ["-verified_at"]

    def __str__(self) -> str:
        return f"{self.record_type} ({self.trust_level})"


class AccessKind(models.TextChoices):
    FULL_VIEW = "full_view", _("full view of personal data")
    USE = "use", _("use of a verified record")


# Where a data access came from (DataAccess.channel), as people and staff read it.
ACCESS_CHANNELS = {"page": _("staff desk"), "api": _("API"), "service": _("department system")}


class DataAccess(TenantModel):
    """Each full view of personal data by staff and each use of a record by a department. The person can see
    who used what and why."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=12, choices=AccessKind.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name=_("staff")
    )
    department = models.ForeignKey(
        "districts.Department", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("department")
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="accesses"
    )
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.CASCADE, related_name="accesses"
    )
    record = models.ForeignKey(VerifiedRecord, null=True, blank=True, on_delete=models.CASCADE)
    purpose = models.CharField(_("purpose"), max_length=200)
    channel = models.CharField(_("channel"), max_length=20, default="page")

    class Meta:
        verbose_name = _("data access")
        verbose_name_plural = _("data accesses")
        ordering = ["-at"]


class CreditKind(models.TextChoices):
    GOOD = "good", _("good")
    BAD = "bad", _("bad")


class CreditRecord(TenantModel):
    """A credit event of a person or enterprise (信用记录): a failed post-review, a revocation, a false
    commitment, a missed gap deadline (bad), or a kept commitment (good). Appended, never edited; an appeal
    or repair is a new record."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="credit")
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.CASCADE, related_name="credit"
    )
    kind = models.CharField(_("kind"), max_length=4, choices=CreditKind.choices)
    reason_code = models.CharField(_("reason code"), max_length=40)
    reason = models.TextField(_("reason"))
    source_ref = models.CharField(_("source"), max_length=120, blank=True)
    false_promise = models.BooleanField(_("a false commitment"), default=False)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("recorded by"),
    )
    # The record's entry on the district's transparency log (None for records made before the ledger).
    ledger_index = models.PositiveBigIntegerField(_("ledger entry"), null=True, blank=True)

    class Meta:
        verbose_name = _("credit record")
        verbose_name_plural = _("credit records")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.reason_code}"


class AppealStatus(models.TextChoices):
    OPEN = "open", _("awaiting a decision")
    UPHELD = "upheld", _("upheld")
    REJECTED = "rejected", _("not upheld")


class CreditAppeal(TenantModel):
    """The holder's appeal against one credit record (信用异议), and a supervisor's decision on it. The record is
    never edited: an upheld appeal takes it out of the level's computation (people/credit_rule.py). Filing and
    deciding each append their own ledger entry."""

    record = models.ForeignKey(
        CreditRecord, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("credit record")
    )
    filed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="credit_appeals", verbose_name=_("filed by")
    )
    reasons = models.TextField(_("reasons"))
    filed_at = models.DateTimeField(_("filed at"))
    ledger_index = models.PositiveBigIntegerField(_("ledger entry"))
    status = models.CharField(_("status"), max_length=10, choices=AppealStatus.choices, default="open")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decision_ledger_index = models.PositiveBigIntegerField(
        _("ledger entry of the decision"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("credit appeal")
        verbose_name_plural = _("credit appeals")
        ordering = ["-filed_at", "-id"]
        constraints = [
            # One appeal at a time, and none after one was upheld (a rejected appeal may be followed by another).
            models.UniqueConstraint(
                fields=["record"],
                condition=models.Q(status__in=["open", "upheld"]),
                name="credit_appeal_one_live_per_record",
            )
        ]
        indexes = [models.Index(fields=["district", "status", "filed_at"], name="credit_appeal_queue")]

    def __str__(self) -> str:
        return f"appeal {self.pk} ({self.status})"
