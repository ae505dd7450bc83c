"""The standardized catalog (三个标准化): items (事项) with their service guide (办事指南), materials with
standardized review criteria (审查要点), and the internal process (stages with role and time share).

An `Item` is the stable identity (its implementation code); everything a citizen or officer reads lives in
an `ItemVersion`. A published version is never edited: a change makes a new draft version.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class Subject(models.TextChoices):
    PERSON = "person", _("natural person (自然人)")
    ENTERPRISE = "enterprise", _("legal person (法人)")


class ItemType(models.TextChoices):
    LICENSING = "licensing", _("administrative licensing (行政许可)")
    CONFIRMATION = "confirmation", _("administrative confirmation (行政确认)")
    PAYMENT = "payment", _("administrative payment (行政给付)")
    COLLECTION = "collection", _("administrative collection (行政征收)")
    AWARD = "award", _("administrative award (行政奖励)")
    ADJUDICATION = "adjudication", _("administrative adjudication (行政裁决)")
    OTHER_POWER = "other_power", _("other administrative power (其他行政权力)")
    PUBLIC_SERVICE = "public_service", _("public service (公共服务)")


class CaseKind(models.TextChoices):
    INSTANT = "instant", _("instant (即办件)")
    PROMISED = "promised", _("time-limited (承诺件)")


class PowerSource(models.IntegerChoices):
    OWN = 1, _("exercised at this level (本级行使)")
    DELEGATED_DOWN = 2, _("delegated from above (上级下放)")
    AUTHORIZED_ABOVE = 3, _("authorized from above (上级授权)")
    AUTHORIZED_PEER = 4, _("authorized by a peer (同级授权)")
    ENTRUSTED_ABOVE = 5, _("entrusted from above (上级委托)")
    ENTRUSTED_PEER = 6, _("entrusted by a peer (同级委托)")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft (草稿)")
    PUBLISHED = "published", _("published (已发布)")
    RETIRED = "retired", _("retired (已停用)")


class Item(TenantModel):
    """A service item (事项) of one district, identified by its implementation code (实施编码)."""

    code = models.CharField(_("implementation code"), max_length=36)
    basic_code = models.CharField(_("basic code"), max_length=12, blank=True)
    department = models.ForeignKey(
        "districts.Department", on_delete=models.PROTECT, related_name="items", verbose_name=_("department")
    )
    subject = models.CharField(_("subject"), max_length=12, choices=Subject.choices)
    current = models.ForeignKey(
        "ItemVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published version"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [models.UniqueConstraint(fields=["district", "code"], name="item_code_per_district")]
        ordering = ["district", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.current.name if self.current_id else ''}".strip()


class ItemVersion(models.Model):
    """One version of an item's guide, form and process. Immutable once published."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions", verbose_name=_("item"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    # basic information
    name = models.CharField(_("name"), max_length=200)
    item_type = models.CharField(_("item type"), max_length=20, choices=ItemType.choices)
    kind = models.CharField(_("case kind"), max_length=10, choices=CaseKind.choices)
    exercise_level = models.CharField(_("exercise level"), max_length=12, default="district")
    power_source = models.PositiveSmallIntegerField(_("power source"), choices=PowerSource.choices, default=1)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    # time limits in working days; promised 0 means finished at the window (即办件)
    legal_limit = models.PositiveIntegerField(_("legal time limit (working days)"), default=0)
    legal_limit_note = models.CharField(_("legal limit note"), max_length=200, blank=True)
    promised_limit = models.PositiveIntegerField(_("promised time limit (working days)"), default=0)
    # fees
    free = models.BooleanField(_("free of charge"), default=True)
    fee_items = models.TextField(_("fee items"), blank=True)
    fee_basis = models.TextField(_("fee basis"), blank=True)
    # channels and depth
    depth = models.PositiveSmallIntegerField(_("online depth (1-4)"), default=1)
    visits = models.PositiveSmallIntegerField(_("on-site visits"), default=1)
    visits_reason = models.CharField(_("reason for visits"), max_length=200, blank=True)
    appointment = models.BooleanField(_("appointment available"), default=False)
    express = models.BooleanField(_("express delivery of result"), default=False)
    kiosk = models.BooleanField(_("self-service kiosk"), default=False)
    online_payment = models.BooleanField(_("online payment"), default=False)
    trust_first = models.BooleanField(_("trust-first eligible (告知承诺)"), default=False)
    trust_first_exclusions = models.TextField(_("trust-first exclusions"), blank=True)
    accept_with_gaps = models.BooleanField(_("accept with gaps (容缺受理)"), default=False)
    # The lowest identity trust level (L2 self-declared … L5 certificate/counter) an online applicant must
    # have logged in with; a lower one is told how to raise it.
    min_identity_level = models.PositiveSmallIntegerField(_("minimum identity level online"), default=2)
    # where: levels (通办 scope) — an empty list means every level
    levels = models.JSONField(_("levels that may handle it"), default=list, blank=True)
    handling_place = models.CharField(_("where to handle"), max_length=200, blank=True)
    handling_hours = models.CharField(_("hours"), max_length=100, blank=True)
    contact_phone = models.CharField(_("consultation phone"), max_length=40, blank=True)
    complaint_phone = models.CharField(_("complaint phone"), max_length=40, blank=True)
    # result
    result_name = models.CharField(_("result name"), max_length=120, blank=True)
    result_type = models.CharField(_("result type"), max_length=40, blank=True)
    # The verified-record type the result settles for its holder (e.g. "marriage" for 结婚证): a later case
    # of any department whose material has this record type waives it.
    result_record_type = models.CharField(_("settled record type of the result"), max_length=40, blank=True)
    # how citizens find it
    keywords = models.TextField(_("keywords and synonyms"), blank=True, help_text=_("comma separated"))
    themes = models.JSONField(_("themes"), default=list, blank=True)
    life_events = models.JSONField(_("life events"), default=list, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="version_number_per_item")]
        ordering = ["item", "-number"]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"

    @property
    def is_instant(self) -> bool:
        return self.kind == CaseKind.INSTANT


class Necessity(models.TextChoices):
    REQUIRED = "required", _("required (必要)")
    OPTIONAL = "optional", _("optional (非必要)")
    LATER = "later", _("may be supplied later (可容缺)")


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("original (原件)")
    COPY = "copy", _("copy (复印件)")
    ELECTRONIC = "electronic", _("electronic (电子)")


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", _("the applicant (申请人自备)")
    SETTLED = "settled", _("settled record (数据沉淀)")
    DEPARTMENT = "department", _("another department (部门核发)")


class Material(models.Model):
    """One material an item asks for, with its standardized review criteria (审查要点).

    `criteria` is a list of {"id", "text", "kind", "mandatory"}; a reviewer's decision is recorded against
    these ids as met / not met.
    """

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="materials")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    necessity = models.CharField(_("necessity"), max_length=10, choices=Necessity.choices)
    form = models.CharField(
        _("form"), max_length=12, choices=MaterialForm.choices, default=MaterialForm.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField(_("paper copies"), default=1)
    source = models.CharField(_("source"), max_length=12, choices=MaterialSource.choices, default="applicant")
    record_type = models.CharField(_("settled record type"), max_length=40, blank=True)
    source_department = models.CharField(_("issuing department"), max_length=100, blank=True)
    blank_form = models.CharField(_("blank form"), max_length=200, blank=True)
    sample = models.CharField(_("sample"), max_length=200, blank=True)
    notes = models.TextField(_("filling notes"), blank=True)
    criteria = models.JSONField(_("review criteria"), default=list, blank=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="material_code_per_version")]
        ordering = ["version", "order", "id"]

    def __str__(self) -> str:
        return self.name


class StageCode(models.TextChoices):
    ACCEPT = "accept", _("application and acceptance (申请和受理)")
    UNDERTAKE = "undertake", _("undertaking (承办)")
    REVIEW = "review", _("review (审核)")
    APPROVE = "approve", _("approval (批准)")
    COMPLETE = "complete", _("completion (办结)")
    DELIVER = "deliver", _("delivery (送达)")
    OTHER = "other", _("other (其他)")


class Stage(models.Model):
    """One stage of an item's internal process, with the role that acts and its share of the limit."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("stage"), max_length=12, choices=StageCode.choices)
    name = models.CharField(_("name"), max_length=60)
    role = models.CharField(_("acting role"), max_length=30)
    share = models.PositiveSmallIntegerField(_("share of the time limit (%)"), default=0)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="stage_order_per_version")]
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return self.name
