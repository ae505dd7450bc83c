"""What the clock decides by itself (容缺逾期): a case accepted with gaps whose later materials have not all
arrived by their deadline stops, with the reason written in the trail by the role `system` and a bad credit
record for the applicant (the same action and rules an officer would use, `stop_for_gaps`).

Run by `onedoor cases sweep` (every few minutes from cron or a systemd timer; the back-end worker of the
integration issue will run it on its schedule). Idempotent: a case already stopped, or whose materials arrived
meanwhile, is left alone."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone

from onedoor.cases import workflow
from onedoor.cases.actions import case_act_as_system
from onedoor.cases.models import Case, CaseMaterial, MaterialStatus
from onedoor.core import clock
from onedoor.core.errors import DomainError


@dataclass
class SweepReport:
    stopped: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # changed meanwhile (supplied, withdrawn …)


def gaps_overdue(*, district=None, now=None):
    """Cases in progress whose later materials are still missing after their deadline, oldest deadline first."""
    awaited = CaseMaterial.objects.filter(case=OuterRef("pk"), status=MaterialStatus.LATER)
    cases = Case.objects.filter(status__in=workflow.IN_PROGRESS, gaps_deadline__lt=now or clock.now()).filter(
        Exists(awaited)
    )
    if district is not None:
        cases = cases.filter(district=district)
    return cases.select_related("district").order_by("gaps_deadline", "id")


def _reason(case) -> str:
    names = "、".join(
        CaseMaterial.objects.filter(case=case, status=MaterialStatus.LATER)
        .order_by("id")
        .values_list("name", flat=True)
    )
    deadline = timezone.localtime(case.gaps_deadline)
    return f"容缺受理的后补材料（{names}）未在 {deadline:%Y-%m-%d %H:%M} 前补齐，办件终止。"


def cases_sweep(*, district=None, now=None) -> SweepReport:
    report = SweepReport()
    for case in gaps_overdue(district=district, now=now):
        try:
            case_act_as_system(
                district=case.district, number=case.number, action="stop_for_gaps", reason=_reason(case)
            )
            report.stopped.append(case.number)
        except DomainError:  # Conflict and NotAllowed too: the case moved on between the query and the lock
            report.skipped.append(case.number)
    return report
