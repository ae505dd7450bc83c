"""好差评: public ratings of a visit at a window (评价一次窗口服务) or of a case online (评价一件办件), the
rectification (差评整改) a bad rating opens with its append-only steps, and the rating pads (评价器) paired
with windows. The rules themselves are in `rules.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import StepModel, TenantModel
from onedoor.ratings import rules


class Channel(models.TextChoices):
    WINDOW = rules.WINDOW, _("at the window")
    ONLINE = rules.ONLINE, _("online")


class Source(models.TextChoices):
    RATER = "rater", _("given by the rater")
    CALLBACK = "callback", _("given by the rater at the department's callback")
    DEFAULT = "default", _("default: not rated in time")


class Rating(TenantModel):
    """One rating of one visit (a served ticket) or of one case: exactly one of the two. The first rating of a
    visit or case is unique; a bad rating allows one follow-up (追评), which points at it."""

    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    centre = models.ForeignKey(
        "districts.Centre", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    window = models.ForeignKey(
        "districts.Window", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "districts.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    sub_scores = models.JSONField(_("sub-scores"), default=dict, blank=True)
    tags = models.JSONField(_("reason tags"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    rated_at = models.DateTimeField(_("rated at"))
    follow_up_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_up"
    )
    excluded = models.BooleanField(_("set aside on appeal"), default=False)
    submit_key = models.CharField(max_length=100, blank=True)  # the Idempotency-Key that wrote it

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=(Q(ticket__isnull=False) & Q(case__isnull=True))
                | (Q(ticket__isnull=True) & Q(case__isnull=False)),
                name="rating_of_a_visit_or_a_case",
            ),
            models.CheckConstraint(condition=Q(level__gte=1) & Q(level__lte=5), name="rating_level_1_to_5"),
            models.UniqueConstraint(
                fields=["ticket"],
                condition=Q(ticket__isnull=False, follow_up_of__isnull=True),
                name="one_rating_per_visit",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(case__isnull=False, follow_up_of__isnull=True),
                name="one_rating_per_case",
            ),
        ]
        indexes = [
            models.Index(fields=["district", "-rated_at"], name="rating_newest"),
            models.Index(fields=["district", "department", "-rated_at"], name="rating_by_department"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.level}"

    @property
    def level_label(self) -> str:
        return str(rules.LEVELS.get(self.level, self.level))

    @property
    def tag_labels(self) -> list[str]:
        labels = rules.TAGS[rules.band(self.level)]
        return [str(labels.get(tag, tag)) for tag in self.tags]


class Status(models.TextChoices):
    OPEN = rules.OPEN, _("open: contact the rater")
    CONTACTED = rules.CONTACTED, _("rater contacted")
    CLASSIFIED = rules.CLASSIFIED, _("classified")
    CLOSED = rules.CLOSED, _("closed")


class Classification(models.TextChoices):
    FIX_NOW = rules.FIX_NOW, _("fix now")
    FIX_IN_15_DAYS = rules.FIX_IN_15_DAYS, _("fix within 15 working days")
    UNFOUNDED = rules.UNFOUNDED, _("unfounded (explained)")


class AppealStatus(models.TextChoices):
    NONE = rules.APPEAL_NONE, _("no appeal")
    PENDING = rules.APPEAL_PENDING, _("appeal waiting for the supervisor")
    UPHELD = rules.APPEAL_UPHELD, _("appeal upheld: rating set aside")
    REJECTED = rules.APPEAL_REJECTED, _("appeal rejected")


class Rectification(TenantModel):
    """差评整改: what the department does about one bad rating. Its steps (RectificationStep) are the history;
    the columns here are the current state, for lists."""

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="rectification")
    department = models.ForeignKey(
        "districts.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    classification = models.CharField(
        _("classification"), max_length=16, choices=Classification.choices, blank=True
    )
    opened_at = models.DateTimeField(_("opened at"))
    contact_due = models.DateTimeField(_("contact the rater by"))
    fix_due = models.DateTimeField(_("put right by"))
    contacted_at = models.DateTimeField(_("contacted at"), null=True, blank=True)
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    appeal_status = models.CharField(
        _("appeal"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.NONE, blank=True
    )
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        indexes = [
            models.Index(fields=["district", "status", "-opened_at"], name="rect_by_status"),
            models.Index(fields=["district", "department", "-opened_at"], name="rect_by_department"),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"


class RectificationStep(StepModel):
    """One step of a rectification: who did what, when, with what note. Append-only."""

    rectification = models.ForeignKey(Rectification, on_delete=models.PROTECT, related_name="steps")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)

    class Meta(StepModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["rectification", "key"], condition=~Q(key=""), name="one_step_per_key"
            )
        ]


class RatingPad(TenantModel):
    """A window's rating pad (评价器): the second screen facing the visitor. Paired by the window's staff; only
    the SHA-256 of its secret is kept. Pairing again replaces the window's pad."""

    window = models.ForeignKey("districts.Window", on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    paired_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    paired_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rating pad")
        verbose_name_plural = _("rating pads")
        constraints = [
            models.UniqueConstraint(
                fields=["window"], condition=Q(revoked_at__isnull=True), name="one_pad_per_window"
            )
        ]
