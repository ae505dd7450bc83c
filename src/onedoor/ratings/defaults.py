"""Default ratings (默认好评 rule of Guangdong): a visit served, or a case concluded, more than
ONEDOOR_RATING_DEFAULT_DAYS days ago (7) without a rating counts as 基本满意 (3), recorded with
source=default. Run by the worker (`onedoor worker`, at most once every `--ratings-every` seconds) and by
`onedoor ratings apply-defaults`.

Idempotent: the unique rating per visit and per case means a row rated meanwhile (or by a second worker)
is skipped (`ignore_conflicts`), never rated twice. Batched: visits and cases are walked in id order, a
batch of ids at a time, each batch one INSERT and one audit record naming how many it rated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef

from onedoor.cases.models import Case
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.districts.models import District
from onedoor.ratings import rules
from onedoor.ratings.models import Channel, Rating, Source
from onedoor.ratings.services import RATEABLE_CASES, default_days
from onedoor.tickets.models import Ticket, TicketStatus


@dataclass
class DefaultsReport:
    visits: int = 0
    cases: int = 0


def _batches(rows, batch: int):
    last = 0
    while True:
        chunk = list(rows.filter(pk__gt=last).order_by("pk")[:batch])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _visit_rating(ticket: Ticket, at) -> Rating:
    case = ticket.case
    return Rating(
        district_id=ticket.district_id,
        channel=Channel.WINDOW,
        ticket_id=ticket.pk,
        person_id=case.person_id if case else None,
        centre_id=ticket.centre_id,
        window_id=ticket.window_id,
        department_id=ticket.department_id or (case.department_id if case else None),
        officer_id=ticket.called_by_id,
        level=rules.DEFAULT_LEVEL,
        sub_scores={"overall": rules.DEFAULT_LEVEL},
        source=Source.DEFAULT,
        rated_at=at,
    )


def _case_rating(case: Case, at) -> Rating:
    return Rating(
        district_id=case.district_id,
        channel=Channel.ONLINE,
        case_id=case.pk,
        person_id=case.person_id,
        centre_id=case.centre_id,
        window_id=case.window_id,
        department_id=case.department_id,
        level=rules.DEFAULT_LEVEL,
        sub_scores={"overall": rules.DEFAULT_LEVEL},
        source=Source.DEFAULT,
        rated_at=at,
    )


def _write(district_id: int, ratings: list[Rating], what: str, at) -> int:
    """Insert the batch; those rated meanwhile conflict and are skipped. Counts what this run wrote by the
    batch's own ids (the unique indexes), never by counting the table."""
    field = "ticket_id" if what == "visits" else "case_id"
    ids = [getattr(r, field) for r in ratings]
    with transaction.atomic():
        Rating.objects.bulk_create(ratings, ignore_conflicts=True)
        written = Rating.objects.filter(
            **{f"{field}__in": ids}, follow_up_of__isnull=True, source=Source.DEFAULT, rated_at=at
        ).count()
        if written:
            audit(
                district=District.objects.get(pk=district_id),
                actor=None,
                action="rating.defaults_applied",
                object_type="ratings.rating",
                object_id=what,
                data={"count": written, "of": what, "days": default_days()},
            )
    return written


def ratings_apply_defaults(
    *, district=None, now=None, days: int | None = None, batch: int = 500
) -> DefaultsReport:
    """Record 基本满意 for every visit and case past the default period without a rating."""
    now = now or clock.now()
    cutoff = now - timedelta(days=default_days() if days is None else days)
    report = DefaultsReport()
    visits = Ticket.objects.filter(status=TicketStatus.DONE, finished_at__lt=cutoff).filter(
        ~Exists(Rating.objects.filter(ticket=OuterRef("pk"), follow_up_of__isnull=True))
    )
    cases = Case.objects.filter(status__in=RATEABLE_CASES, closed_at__lt=cutoff).filter(
        ~Exists(Rating.objects.filter(case=OuterRef("pk"), follow_up_of__isnull=True))
    )
    if district is not None:
        visits, cases = visits.filter(district=district), cases.filter(district=district)
    visits = visits.select_related("case").only(
        "pk",
        "district_id",
        "centre_id",
        "window_id",
        "department_id",
        "called_by_id",
        "case__person_id",
        "case__department_id",
    )
    cases = cases.only("pk", "district_id", "person_id", "centre_id", "window_id", "department_id")
    for chunk in _batches(visits, batch):
        for district_id in {t.district_id for t in chunk}:
            rows = [_visit_rating(t, now) for t in chunk if t.district_id == district_id]
            report.visits += _write(district_id, rows, "visits", now)
    for chunk in _batches(cases, batch):
        for district_id in {c.district_id for c in chunk}:
            rows = [_case_rating(c, now) for c in chunk if c.district_id == district_id]
            report.cases += _write(district_id, rows, "cases", now)
    return report
