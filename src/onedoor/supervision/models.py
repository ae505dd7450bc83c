"""Supervision (一门式监督): corrections of trail errors (差错可纠) and the trace rollup behind the accountability
report (责任可追). The trail itself stays in cases/ and is never edited: a correction is a new trail entry,
mirrored here so a period's corrections are one indexed range; the rollup holds each case's stage segments
as `trace.py` computes them, refreshed incrementally (`rollup.py`), so a report aggregates rows in SQL."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onedoor.core.models import TenantModel


class TrailCorrection(TenantModel):
    """A correction of one trail entry (差错更正): the new entry (`entry_seq`) and the one it corrects."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    corrected_seq = models.PositiveIntegerField(_("corrected entry"))
    entry_seq = models.PositiveIntegerField(_("correcting entry"))
    at = models.DateTimeField(_("at"))
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey("districts.Department", on_delete=models.PROTECT, related_name="+")
    fields = models.JSONField(_("corrected values"))  # {field: {"from": …, "to": …}}
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("trail correction")
        verbose_name_plural = _("trail corrections")
        indexes = [models.Index(fields=["district", "at"], name="correction_by_time")]
        constraints = [models.UniqueConstraint(fields=["case", "entry_seq"], name="one_correction_per_entry")]


class CaseTrace(TenantModel):
    """One case's figures as of its last refresh: counted days, the limit, the delay, corrections."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("districts.Department", on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True)
    used_days = models.IntegerField()
    allowed_days = models.IntegerField()
    delay_days = models.IntegerField()
    last_seq = models.PositiveIntegerField()  # the trail entry the figures include
    computed_on = models.DateField()  # an open case's days grow daily: refreshed once a day

    class Meta:
        indexes = [
            models.Index(fields=["district", "closed_at"], name="casetrace_closed"),
            models.Index(fields=["district", "computed_on"], name="casetrace_computed"),
        ]


class StageSpan(TenantModel):
    """One held segment of a case's trace (a stage from entering it to leaving it), with its overrun."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("districts.Department", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=12)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    officer_label = models.CharField(max_length=150, blank=True)  # empty while open (in the queue)
    centre = models.ForeignKey("districts.Centre", null=True, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True)
    days = models.IntegerField()
    working_seconds = models.BigIntegerField()
    waiting_seconds = models.BigIntegerField()
    budget_days = models.IntegerField()
    overrun_days = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["district", "left_at"], name="stagespan_left"),
            models.Index(fields=["district", "left_at", "overrun_days"], name="stagespan_overrun"),
        ]


class TraceWatermark(TenantModel):
    """The last trail entry (by id) whose case the rollup has taken in, per district."""

    last_entry_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["district"], name="one_watermark_per_district")]
