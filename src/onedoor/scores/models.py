"""考核测评: the daily rollup behind the scores (UnitDay), the district's weights of the composite score
(ScoreWeights) and the watermarks of the incremental refresh (ScoresWatermark). The metrics and the composite
are computed in `rules.py`; the rollup is kept in `rollup.py`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel
from onedoor.scores import rules


class UnitKind(models.TextChoices):
    DEPARTMENT = rules.DEPARTMENT, _("department")
    CENTRE = rules.CENTRE, _("centre")
    WINDOW = rules.WINDOW, _("window")
    OFFICER = rules.OFFICER, _("officer")


class UnitDay(TenantModel):
    """One unit's additive counts and sums for one calendar day (China time). Any period's figures are the SUM
    of its days; the columns are exactly `rules.COUNTERS`. A day's rows are always recomputed whole from that day's
    ScoreFact rows (`rollup.days_recompute`), never incremented in place."""

    day = models.DateField()
    kind = models.CharField(max_length=10, choices=UnitKind.choices)
    unit_id = models.BigIntegerField()  # the department, centre, window or staff member
    concluded = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    instant = models.IntegerField(default=0)
    overdue = models.IntegerField(default=0)
    processing_seconds = models.BigIntegerField(default=0)
    processing_days = models.IntegerField(default=0)
    complaints = models.IntegerField(default=0)
    replies = models.IntegerField(default=0)
    replies_on_time = models.IntegerField(default=0)
    quality_sum = models.IntegerField(default=0)
    quality_count = models.IntegerField(default=0)
    ratings = models.IntegerField(default=0)
    rating_sum = models.IntegerField(default=0)
    ratings_bad = models.IntegerField(default=0)
    rectifications_due = models.IntegerField(default=0)
    rectifications_on_time = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "day", "kind", "unit_id"], name="one_unit_day"),
        ]
        indexes = [models.Index(fields=["district", "kind", "day"], name="unitday_kind_day")]


class Source(models.TextChoices):
    CASE = "case", _("concluded case")
    COMPLAINT = "complaint", _("complaint received")
    REPLY = "reply", _("reply sent")
    REVIEW = "review", _("reply reviewed")
    RATING = "rating", _("rating")
    RECTIFICATION = "rectification", _("rectification due")


class ScoreFact(TenantModel):
    """What one source event adds to the rollup: its day, its units and its counters (mostly 0 or 1). Kept per
    source row so a refresh knows what a changed row counted before (its old day) and the days to recompute
    are read by one indexed range instead of scanning the cases table."""

    source = models.CharField(max_length=14, choices=Source.choices)
    source_id = models.BigIntegerField()
    day = models.DateField()
    department_id = models.BigIntegerField(null=True)
    centre_id = models.BigIntegerField(null=True)
    window_id = models.BigIntegerField(null=True)
    officer_id = models.BigIntegerField(null=True)
    concluded = models.SmallIntegerField(default=0)
    on_time = models.SmallIntegerField(default=0)
    instant = models.SmallIntegerField(default=0)
    overdue = models.SmallIntegerField(default=0)
    processing_seconds = models.BigIntegerField(default=0)
    processing_days = models.IntegerField(default=0)
    complaints = models.SmallIntegerField(default=0)
    replies = models.SmallIntegerField(default=0)
    replies_on_time = models.SmallIntegerField(default=0)
    quality_sum = models.SmallIntegerField(default=0)
    quality_count = models.SmallIntegerField(default=0)
    ratings = models.SmallIntegerField(default=0)
    rating_sum = models.SmallIntegerField(default=0)
    ratings_bad = models.SmallIntegerField(default=0)
    rectifications_due = models.SmallIntegerField(default=0)
    rectifications_on_time = models.SmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="one_fact_per_source_row")
        ]
        indexes = [models.Index(fields=["district", "day"], name="scorefact_day")]


class ScoreWeights(TenantModel):
    """The district's weights of the composite score, in points summing to 100 (defaults: `rules.DEFAULT_WEIGHTS`)."""

    on_time = models.PositiveSmallIntegerField(_("on-time rate"), default=rules.DEFAULT_WEIGHTS["on_time"])
    instant = models.PositiveSmallIntegerField(_("instant share"), default=rules.DEFAULT_WEIGHTS["instant"])
    satisfaction = models.PositiveSmallIntegerField(
        _("rating average"), default=rules.DEFAULT_WEIGHTS["satisfaction"]
    )
    not_bad = models.PositiveSmallIntegerField(
        _("share of ratings not bad"), default=rules.DEFAULT_WEIGHTS["not_bad"]
    )
    reply_on_time = models.PositiveSmallIntegerField(
        _("on-time reply rate"), default=rules.DEFAULT_WEIGHTS["reply_on_time"]
    )
    reply_quality = models.PositiveSmallIntegerField(
        _("reply-quality score"), default=rules.DEFAULT_WEIGHTS["reply_quality"]
    )
    rectification_on_time = models.PositiveSmallIntegerField(
        _("rectifications on time"), default=rules.DEFAULT_WEIGHTS["rectification_on_time"]
    )

    class Meta:
        verbose_name = _("score weights")
        verbose_name_plural = _("score weights")
        constraints = [
            models.UniqueConstraint(fields=["district"], name="one_score_weights_per_district"),
            models.CheckConstraint(
                condition=Q(
                    on_time__lte=100,
                    instant__lte=100,
                    satisfaction__lte=100,
                    not_bad__lte=100,
                    reply_on_time__lte=100,
                    reply_quality__lte=100,
                    rectification_on_time__lte=100,
                ),
                name="score_weight_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return str(_("score weights"))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in rules.COMPONENTS}

    def clean(self) -> None:
        problem = rules.weights_problem(self.as_dict())
        if problem:
            raise ValidationError(problem)


class ScoresWatermark(TenantModel):
    """The last row (by id) of each source the rollup has taken in, per district; see `rollup.py`."""

    trail_id = models.BigIntegerField(default=0)
    complaint_step_id = models.BigIntegerField(default=0)
    rating_id = models.BigIntegerField(default=0)
    rectification_step_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["district"], name="one_scores_watermark_per_district")]
