"""Cases (办件): one application for one item by one applicant, taken at any window or channel, carried
through the item's process to an outcome. Materials received, waived (on which settled record) or to be
supplied later; stage results with criterion by criterion findings; clock stops; the append-only trail;
idempotency keys; the per-district daily number counter."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class Mode(models.TextChoices):
    NORMAL = "normal", _("normal")
    TRUST_FIRST = "trust_first", _("trust first (告知承诺)")
    WITH_GAPS = "with_gaps", _("accept with gaps (容缺受理)")


class Channel(models.TextChoices):
    WINDOW = "window", _("window")
    ONLINE = "online", _("online hall")
    MOBILE = "mobile", _("mobile")
    KIOSK = "kiosk", _("self-service kiosk")
    API = "api", _("API")


class Status(models.TextChoices):
    UNDERTAKE = "undertake", _("undertaking (承办)")
    REVIEW = "review", _("review (审核)")
    APPROVE = "approve", _("approval (批准)")
    COMPLETE = "complete", _("completion (办结)")
    DELIVER = "deliver", _("delivery (送达)")
    OTHER = "other", _("special stage")
    CONFIRM = "confirm", _("awaiting the second approver (二次审批)")
    CORRECTION = "correction", _("waiting for correction (补正)")
    SUSPENDED = "suspended", _("suspended (特别程序)")
    COMPLETED = "completed", _("completed (办结)")
    REJECTED = "rejected", _("rejected (不予办理)")
    WITHDRAWN = "withdrawn", _("withdrawn (撤回)")
    REVOKED = "revoked", _("revoked (撤销)")
    STOPPED = "stopped", _("stopped (终止)")


_STATUS_LABELS = dict(Status.choices)


class Case(TenantModel):
    number = models.CharField(_("case number"), max_length=32)
    item = models.ForeignKey("catalog.Item", on_delete=models.PROTECT, related_name="cases")
    version = models.ForeignKey("catalog.ItemVersion", on_delete=models.PROTECT, related_name="cases")
    department = models.ForeignKey("districts.Department", on_delete=models.PROTECT, related_name="cases")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    enterprise = models.ForeignKey(
        "people.Enterprise", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    applicant_number = models.CharField(_("applicant number"), max_length=18)
    applicant_name = models.CharField(_("applicant name"), max_length=200)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.NORMAL)
    instant = models.BooleanField(_("instant"), default=False)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WINDOW)
    centre = models.ForeignKey("districts.Centre", on_delete=models.PROTECT, related_name="cases")
    window = models.ForeignKey("districts.Window", null=True, blank=True, on_delete=models.PROTECT)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("accepted at"), db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    resume_to = models.CharField(_("stage to resume"), max_length=12, blank=True)
    stages = models.JSONField(_("process stages"), default=list)  # [[code, share], …] frozen at acceptance
    promised_days = models.PositiveIntegerField(_("promised working days"), default=0)
    legal_days = models.PositiveIntegerField(_("legal working days"), default=0)
    extension_days = models.PositiveIntegerField(_("extension (working days)"), default=0)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True, db_index=True)
    stage_deadline = models.DateTimeField(_("stage deadline"), null=True, blank=True)
    clock_stopped_at = models.DateTimeField(_("clock stopped at"), null=True, blank=True)
    gaps_deadline = models.DateTimeField(_("deadline for later materials"), null=True, blank=True)
    post_review_deadline = models.DateTimeField(_("post-review deadline"), null=True, blank=True)
    post_review_done_at = models.DateTimeField(_("post-review done at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome_reason = models.TextField(_("reason for the outcome"), blank=True)
    outcome_basis = models.TextField(_("legal basis of the outcome"), blank=True)
    commitment_signed_at = models.DateTimeField(_("commitment signed at"), null=True, blank=True)
    commitment_text = models.TextField(_("commitment text"), blank=True)
    revision = models.PositiveIntegerField(default=0)  # optimistic lock: each action bumps it
    # A decision that deviates from the criteria, waiting for its second approver (status `confirm`):
    # {"decision", "by", "second", "reason", "basis"}; empty otherwise.
    pending_decision = models.JSONField(_("decision awaiting confirmation"), default=dict, blank=True)
    # The API's answer for this case, but for the caller's part: JSON text the services write with each change
    # (shown.py); empty for a case written before it existed.
    shown = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(fields=["district", "number"], name="case_number_per_district")
        ]
        # The list is key-set paginated newest first on (accepted_at, id): one index per filter it offers,
        # each ending in that order, so any page is an index range scan of `limit` rows (3M cases, issue 3).
        indexes = [
            models.Index(fields=["district", "department", "status"]),
            models.Index(fields=["district", "-accepted_at", "-id"], name="case_newest"),
            models.Index(fields=["district", "status", "-accepted_at", "-id"], name="case_newest_by_status"),
            models.Index(
                fields=["district", "department", "-accepted_at", "-id"], name="case_newest_by_dept"
            ),
            models.Index(
                fields=["district", "applicant_number", "-accepted_at", "-id"], name="case_by_applicant"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_status_display(self):
        """Django's generated one rebuilds a hashable copy of the choices on every call; a case list or a
        case read through the API asks for it once per case."""
        return _STATUS_LABELS.get(self.status, self.status)


class CaseCounter(TenantModel):
    """The last sequence number given out per district and day (case numbers are sequential per day)."""

    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["district", "day"], name="one_counter_per_day")]


class MaterialStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    WAIVED = "waived", _("waived")  # on a settled record or by the commitment: the line says which
    LATER = "later", _("to be supplied later")
    SUPPLIED = "supplied", _("supplied later")
    NOT_PROVIDED = "not_provided", _("not provided (optional)")


# The materials a case holds (received at the window or supplied later): the ones its stages judge.
HELD_MATERIALS = (MaterialStatus.RECEIVED, MaterialStatus.SUPPLIED)


class CaseMaterial(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    code = models.CharField(_("material code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=14, choices=MaterialStatus.choices)
    record = models.ForeignKey(
        "people.VerifiedRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    waived_reason = models.CharField(_("why it was waived"), max_length=200, blank=True)
    criteria = models.JSONField(_("criteria checked at the window"), default=dict)
    checked_original = models.BooleanField(_("checked against the original"), default=False)
    supplied_at = models.DateTimeField(_("supplied at"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="one_line_per_material")]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class StageResult(models.Model):
    """What an officer found at a stage: opinion and each criterion met / not met."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stage_results")
    stage = models.CharField(_("stage"), max_length=12)
    # The staff member; empty when a department's own back-end system decided the stage (see officer_label).
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    officer_label = models.CharField(_("decided by"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=30)
    at = models.DateTimeField(_("at"))
    opinion = models.TextField(_("opinion"), blank=True)
    criteria = models.JSONField(_("criteria"), default=dict)  # {criterion id: true/false}
    decision = models.CharField(_("decision"), max_length=12)  # pass / approve / reject / confirm / overrule
    deviation_reason = models.TextField(_("reason for deviating from the criteria"), blank=True)
    second_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.stage}: {self.decision}"

    @property
    def decided_by(self) -> str:
        return str(self.officer) if self.officer_id else self.officer_label


class Procedure(models.TextChoices):
    """The special procedures whose time does not count against the limit (《行政许可法》第四十五条)."""

    HEARING = "hearing", _("hearing (听证)")
    TENDER = "tender", _("tender or auction (招标、拍卖)")
    TESTING = "testing", _("inspection, testing or quarantine (检验、检测、检疫)")
    APPRAISAL = "appraisal", _("appraisal (鉴定)")
    EXPERT_REVIEW = "expert_review", _("expert review (专家评审)")


class ClockStop(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clock_stops")
    kind = models.CharField(_("kind"), max_length=12)  # correction / suspension
    # a suspension's special procedure; empty for a correction (and for suspensions recorded before it was kept)
    procedure = models.CharField(_("special procedure"), max_length=16, choices=Procedure.choices, blank=True)
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    missing = models.JSONField(_("what is missing"), default=list)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} from {self.started_at:%Y-%m-%d}"


class TrailEntry(TenantModel):
    """One node of the case's trail (节点留痕). Append-only: database triggers refuse UPDATE and DELETE.
    Each entry carries the SHA-256 of its payload and of the previous entry, so an edit shows."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="trail")
    seq = models.PositiveIntegerField()
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=150)
    role = models.CharField(max_length=30)
    centre = models.ForeignKey("districts.Centre", null=True, on_delete=models.PROTECT, related_name="+")
    window = models.ForeignKey("districts.Window", null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict)
    payload_hash = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="trail_seq_per_case")]
        ordering = ["case", "seq"]


class IdempotencyKey(TenantModel):
    """A client's Idempotency-Key for a write: the same key returns the same result, never a second case."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    case = models.ForeignKey(Case, null=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["staff", "key"], name="one_use_per_key")]


class Certificate(TenantModel):
    """An electronic result (电子证照/批文) of a case: a signed JSON payload (Ed25519, the district's key),
    rendered as a PDF with a QR code to its public verification page."""

    public_id = models.UUIDField(_("certificate id"), default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="certificates")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        "people.Enterprise", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    payload = models.JSONField(_("signed payload"))
    key_id = models.CharField(_("key id"), max_length=32)
    signature = models.CharField(_("signature"), max_length=200)
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    record = models.ForeignKey(
        "people.VerifiedRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Its entries on the district's transparency log (issued; revoked), for receipts and the verify page.
    ledger_index = models.PositiveBigIntegerField(_("ledger entry"), null=True, blank=True)
    revocation_index = models.PositiveBigIntegerField(_("revocation's ledger entry"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.title} {self.public_id}"


class CommitmentSignature(TenantModel):
    """A trust-first commitment (告知承诺书) shown on a window's pad and signed there by the applicant's hand.

    The desk asks for it with the exact text the acceptance will record; the pad shows that text and sends back
    the strokes drawn (cases/signatures.py); the acceptance takes a signed, unused, unexpired one for the same
    applicant, item, window and text, and keeps it with the case. Only its digest goes into the trail."""

    window = models.ForeignKey("districts.Window", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    version = models.ForeignKey("catalog.ItemVersion", on_delete=models.PROTECT, related_name="+")
    applicant_number = models.CharField(_("applicant number"), max_length=18)
    text = models.TextField(_("commitment text"))
    strokes = models.JSONField(_("signature strokes"), default=list, blank=True)  # [[[x, y], …], …] in 0..1
    digest = models.CharField(_("SHA-256 of the text and strokes"), max_length=64, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    # taken off the pad unsigned: by the desk that asked, or replaced by a newer request
    cancelled_at = models.DateTimeField(_("taken off the pad at"), null=True, blank=True)
    case = models.OneToOneField(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="commitment_signature"
    )

    class Meta:
        verbose_name = _("signed commitment")
        verbose_name_plural = _("signed commitments")
        indexes = [models.Index(fields=["window", "-requested_at"], name="signature_by_window")]

    def __str__(self) -> str:
        return f"{self.applicant_number} @ {self.window_id} ({'signed' if self.signed_at else 'waiting'})"
