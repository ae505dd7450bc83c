"""Reads for supervision: a case's trace as of now, and the trail search (by person, case, officer or time).

Scoped through `access.py`. The search lists masked applicants; a search by a person's full ID number (or an
enterprise's credit code) is a view of personal data: it needs a purpose and writes a DataAccess row, so
the person sees who looked them up and why (people/selectors.py does the same for full views)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import Case, TrailEntry
from onedoor.core import clock
from onedoor.core.errors import DomainError, NotFound
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Staff
from onedoor.districts.selectors import access_staff_district
from onedoor.people import idnumbers
from onedoor.people.models import AccessKind, DataAccess, Enterprise, Person
from onedoor.supervision import access
from onedoor.supervision.corrections import as_step
from onedoor.supervision.trace import Stop, Trace, case_trace

SEARCH_PAGE = 50
PURPOSE_MAX = 200


@dataclass(frozen=True)
class CaseTraceView:
    case: Case
    trace: Trace
    now: datetime


def case_trace_get(*, staff, number: str, now: datetime | None = None) -> CaseTraceView:
    """The trace of the case `number` of the caller's district, computed now from its trail."""
    district = access_staff_district(staff)
    case = (
        Case.objects.filter(district=district, number=(number or "").strip())
        .select_related("department", "version", "centre", "district")
        .first()
    )
    if case is None:
        raise NotFound("case_not_found", _("No case with this number that you may see."))
    access.access_trace(staff, case)
    now = now or clock.now()
    entries = case.trail.select_related("centre", "window").order_by("seq")
    trace = case_trace(
        steps=[as_step(e) for e in entries],
        stops=[Stop(s.kind, s.started_at, s.ended_at) for s in case.clock_stops.all()],
        stages=[(code, share) for code, share in case.stages or []],
        promised_days=case.promised_days,
        extension_days=case.extension_days,
        calendar=calendar_for(district),
        now=now,
    )
    return CaseTraceView(case=case, trace=trace, now=now)


@dataclass(frozen=True)
class SearchPage:
    rows: list[TrailEntry]  # with .case (number, masked applicant, department) selected
    next_after: tuple[datetime, int] | None
    access: DataAccess | None


def trail_search(
    *,
    staff,
    person: str = "",
    case: str = "",
    officer: str = "",
    start: datetime | None = None,
    end: datetime | None = None,
    purpose: str = "",
    after: tuple[datetime, int] | None = None,
    limit: int = SEARCH_PAGE,
    channel: str = "page",
) -> SearchPage:
    """Trail entries matching every given filter, newest first, key-set paginated on (at, id).

    `person` is a full resident ID number or credit code: the search is refused without a purpose and, when
    it runs, access-logged (also when the number is unknown here). Nothing given: refused (no unbounded
    scan of the district's trail)."""
    district = access_staff_district(staff)
    departments = access.access_report(staff)
    if not any((person, case, officer, start, end)):
        raise DomainError(
            "filter_required", _("Search by a person's number, a case number, an officer or a time range.")
        )
    entries = TrailEntry.objects.filter(district=district)
    if departments is not None:
        entries = entries.filter(case__department_id__in=departments)
    logged = None
    if person:
        number = idnumbers.normalise(person)
        if len(number) != 18:
            raise DomainError("bad_number", _("Give the full 18-character ID number or credit code."))
        logged = _log_person_search(staff, district, number, purpose, channel)
        entries = entries.filter(case__applicant_number=number)
    if case:
        entries = entries.filter(case__number=case.strip())
    if officer:
        who = Staff.objects.filter(district=district, username=officer.strip()).values("pk")[:1]
        entries = entries.filter(actor_id__in=who)
    if start:
        entries = entries.filter(at__gte=start)
    if end:
        entries = entries.filter(at__lt=end)
    if after:
        at, pk = after
        entries = entries.filter(at__lte=at).filter(Q(at__lt=at) | Q(pk__lt=pk))
    rows = list(
        entries.select_related("case", "case__department", "centre", "window").order_by("-at", "-id")[
            : limit + 1
        ]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return SearchPage(rows=rows, next_after=(rows[-1].at, rows[-1].pk) if more else None, access=logged)


def _log_person_search(staff, district, number: str, purpose: str, channel: str) -> DataAccess:
    purpose = (purpose or "").strip()
    if not purpose:
        raise DomainError("purpose_required", _("Say why you search this person's cases; it is recorded."))
    if len(purpose) > PURPOSE_MAX:
        raise DomainError("purpose_too_long", _("Keep the purpose under 200 characters."))
    return DataAccess.objects.create(
        district=district,
        kind=AccessKind.FULL_VIEW,
        staff=staff,
        person=Person.objects.filter(district=district, id_number=number).first(),
        enterprise=Enterprise.objects.filter(district=district, uscc=number).first(),
        purpose=f"{_('trail search')}: {purpose}"[:PURPOSE_MAX],
        channel=(channel or "page")[:20],
    )
