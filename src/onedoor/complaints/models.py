"""投诉与咨询: a complaint or consultation (Complaint) with its append-only steps (ComplaintStep), the
department's replies with their automatic checks and the supervisor's review (Reply), and what a district
edits in the admin: routing rules (RoutingRule), time limits (TimeLimit) and reply templates
(ReplyTemplate). The rules themselves are in `rules.py` and `quality.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onedoor.complaints import rules
from onedoor.core.models import StepModel, TenantModel


class Kind(models.TextChoices):
    COMPLAINT = rules.COMPLAINT, rules.KINDS[rules.COMPLAINT]
    CONSULTATION = rules.CONSULTATION, rules.KINDS[rules.CONSULTATION]


class Channel(models.TextChoices):
    ONLINE = rules.ONLINE, rules.CHANNELS[rules.ONLINE]
    KIOSK = rules.KIOSK, rules.CHANNELS[rules.KIOSK]
    WINDOW = rules.WINDOW, rules.CHANNELS[rules.WINDOW]
    PHONE = rules.PHONE, rules.CHANNELS[rules.PHONE]


CATEGORY_CHOICES = list(rules.CATEGORIES.items())


class Status(models.TextChoices):
    RECEIVED = rules.RECEIVED, _("received")
    ASSIGNED = rules.ASSIGNED, _("assigned to a department")
    REPLIED = rules.REPLIED, _("replied: waiting for review")
    REVIEWED = rules.REVIEWED, _("reply reviewed")
    CLOSED = rules.CLOSED, _("closed")


class Complaint(TenantModel):
    """One complaint or consultation. The columns are its present state, for lists; its steps are the
    history. The filer is a registered person (online, or identified at a window) or a name and phone."""

    number = models.CharField(_("number"), max_length=24, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    category = models.CharField(_("category"), max_length=12, choices=CATEGORY_CHOICES)
    subject = models.CharField(_("subject"), max_length=rules.SUBJECT_MAX)
    text = models.TextField(_("text"))
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filer_name = models.CharField(_("filer's name"), max_length=60, blank=True)
    filer_phone = models.CharField(_("filer's phone"), max_length=20, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "catalog.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    centre = models.ForeignKey(
        "districts.Centre", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    linked_department = models.ForeignKey(
        "districts.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "districts.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department handling it"),
    )
    route = models.CharField(_("routed by"), max_length=10, blank=True)
    route_rule = models.ForeignKey(
        "RoutingRule", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"))
    received_at = models.DateTimeField(_("received at"))
    clock_from = models.DateTimeField(_("limit counted from"))  # received, or the last reopen
    deadline = models.DateTimeField(_("reply due"))
    escalation_due = models.DateTimeField(_("escalated to the supervisor at"))
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    returned_count = models.PositiveSmallIntegerField(_("replies sent back"), default=0)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    submit_key = models.CharField(max_length=100, blank=True)  # the Idempotency-Key that wrote it
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("complaint or consultation")
        verbose_name_plural = _("complaints and consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "number"], condition=~Q(number=""), name="complaint_number_per_district"
            ),
            models.UniqueConstraint(
                fields=["district", "submit_key"], condition=~Q(submit_key=""), name="complaint_per_key"
            ),
        ]
        indexes = [
            models.Index(fields=["district", "status", "deadline"], name="complaint_by_deadline"),
            models.Index(fields=["district", "department", "status", "deadline"], name="complaint_by_dept"),
            models.Index(fields=["district", "person", "-received_at"], name="complaint_by_person"),
        ]

    def __str__(self) -> str:
        return self.number or str(self.pk)

    @property
    def category_label(self) -> str:
        return str(rules.CATEGORIES.get(self.category, self.category))

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_STATES


class ComplaintStep(StepModel):
    """One step of a complaint: who did what, from which state to which, with what note. Append-only."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="steps")
    action = models.CharField(_("action"), max_length=12)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)

    class Meta(StepModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "key"], condition=~Q(key=""), name="one_complaint_step_per_key"
            )
        ]


class ReplyOutcome(models.TextChoices):
    RETURNED = "returned", _("sent back by the automatic checks")
    PENDING = "pending", _("waiting for the supervisor's review")
    PASSED = "passed", _("passed the review")
    FAILED = "failed", _("failed the review: sent back")


class Reply(TenantModel):
    """A department's reply to a complaint, with the automatic checks as they were when it was sent and,
    later, the supervisor's score (1–5) and reasons."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="replies")
    department = models.ForeignKey(
        "districts.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"))
    at = models.DateTimeField(_("sent at"))
    late = models.BooleanField(_("after the deadline"), default=False)
    checks = models.JSONField(_("automatic checks"), default=list)
    outcome = models.CharField(_("outcome"), max_length=10, choices=ReplyOutcome.choices)
    score = models.PositiveSmallIntegerField(_("supervisor's score"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["district", "department", "-at"], name="reply_by_department")]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=1) & Q(score__lte=5)),
                name="reply_score_1_to_5",
            )
        ]


class RoutingRule(TenantModel):
    """Where complaints go: an item and/or a category → a department. With neither it is the district's
    default. The most specific matching rule wins (`rules.resolve`)."""

    item = models.ForeignKey(
        "catalog.Item",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("item"),
    )
    category = models.CharField(_("category"), max_length=12, choices=CATEGORY_CHOICES, blank=True)
    department = models.ForeignKey(
        "districts.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("complaint routing rule")
        verbose_name_plural = _("complaint routing rules")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "item", "category"],
                condition=Q(item__isnull=False),
                name="one_routing_rule_per_item",
            ),
            models.UniqueConstraint(
                fields=["district", "category"],
                condition=Q(item__isnull=True),
                name="one_routing_rule_per_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item or '*'} / {self.category or '*'} → {self.department}"


class TimeLimit(TenantModel):
    """A district's own reply limit for one kind, in working days (otherwise `rules.DEFAULT_DAYS`)."""

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    working_days = models.PositiveSmallIntegerField(_("working days"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("complaint time limit")
        verbose_name_plural = _("complaint time limits")
        constraints = [
            models.UniqueConstraint(fields=["district", "kind"], name="one_time_limit_per_kind"),
            models.CheckConstraint(condition=Q(working_days__gte=1), name="time_limit_at_least_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.working_days}"


class ReplyTemplate(TenantModel):
    """A district's reply template (答复模板): a frame a department may start from. A reply that is nothing
    but a copy of one fails the template check."""

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, blank=True)
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("text"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self) -> str:
        return self.title
