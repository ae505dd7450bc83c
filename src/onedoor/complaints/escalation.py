"""What the clock decides for complaints and consultations, run by the worker (`onedoor worker`, with the
case sweep) and by `onedoor complaints sweep`:

* escalation: a complaint still without an accepted reply when 3 × its limit has run (`escalation_due`)
  is escalated to the supervisor: it is marked, a step and an audit record say so, and it heads the
  supervisor's overdue list;
* closing: a reply reviewed more than 30 days ago and not reopened closes (the reopen window is over).

Idempotent and safe with several workers: each row is claimed with a conditional UPDATE (escalated_at still
empty; status still reviewed), so a row another run took meanwhile is skipped, never done twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import F

from onedoor.complaints import rules
from onedoor.complaints.models import Complaint, ComplaintStep
from onedoor.core import clock
from onedoor.core.audit import audit


@dataclass
class SweepReport:
    escalated: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)


def _record(complaint: Complaint, action: str, before: str, now, data: dict) -> None:
    ComplaintStep.objects.create(
        district_id=complaint.district_id,
        complaint=complaint,
        at=now,
        actor=None,
        actor_label="system",
        action=action,
        from_status=before,
        to_status=complaint.status,
        data=data,
    )
    audit(
        district=complaint.district,
        actor=None,
        action=f"complaint.{action}",
        obj=complaint,
        data={"from": before, "to": complaint.status, **data},
    )


def complaints_sweep(*, district=None, now=None, batch: int = 200) -> SweepReport:
    now = now or clock.now()
    report = SweepReport()
    due = Complaint.objects.filter(
        status__in=rules.OPEN_STATES, escalation_due__lt=now, escalated_at__isnull=True
    )
    stale = Complaint.objects.filter(
        status=rules.REVIEWED, reviewed_at__lt=now - timedelta(days=rules.REOPEN_DAYS)
    )
    if district is not None:
        due, stale = due.filter(district=district), stale.filter(district=district)
    for complaint in due.select_related("district").order_by("escalation_due", "id")[:batch]:
        with transaction.atomic():
            claimed = Complaint.objects.filter(
                pk=complaint.pk, escalated_at__isnull=True, status__in=rules.OPEN_STATES
            ).update(escalated_at=now, revision=F("revision") + 1)
            if claimed:
                data = {
                    "escalation_due": complaint.escalation_due.isoformat(),
                    "factor": rules.ESCALATION_FACTOR,
                }
                _record(complaint, "escalate", complaint.status, now, data)
                report.escalated.append(complaint.number)
    for complaint in stale.select_related("district").order_by("reviewed_at", "id")[:batch]:
        with transaction.atomic():
            claimed = Complaint.objects.filter(pk=complaint.pk, status=rules.REVIEWED).update(
                status=rules.CLOSED, closed_at=now, revision=F("revision") + 1
            )
            if claimed:
                complaint.status = rules.CLOSED
                _record(complaint, "close", rules.REVIEWED, now, {"by": "time", "days": rules.REOPEN_DAYS})
                report.closed.append(complaint.number)
    return report
