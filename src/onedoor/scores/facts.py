"""What each source row counts (ScoreFact), computed from the current state of cases, complaints, replies,
ratings and rectifications. The definitions of docs/scores.md live here; `rollup.py` decides when to call."""

from __future__ import annotations

from onedoor.cases.models import Case, Status
from onedoor.complaints import rules as complaint_rules
from onedoor.complaints.models import Complaint, Reply, ReplyOutcome
from onedoor.core.calendar import WorkCalendar
from onedoor.ratings import rules as rating_rules
from onedoor.ratings.models import Rating, Rectification
from onedoor.scores.models import ScoreFact, Source

NOT_CONCLUDED = (Status.WITHDRAWN,)  # the applicant's choice, not a decision: not scored


def _fact(district_id, source, source_id, day, units, **counters) -> ScoreFact:
    department, centre, window, officer = units
    return ScoreFact(
        district_id=district_id,
        source=source,
        source_id=source_id,
        day=day,
        department_id=department,
        centre_id=centre,
        window_id=window,
        officer_id=officer,
        **counters,
    )


def case_facts(district_id: int, ids, calendar: WorkCalendar) -> list[ScoreFact]:
    """A concluded case counts on the day it was concluded, for its department, the centre and window that
    accepted it and the officer who accepted it (受理人)."""
    rows = (
        Case.objects.filter(district_id=district_id, id__in=ids, closed_at__isnull=False)
        .exclude(status__in=NOT_CONCLUDED)
        .values_list(
            "id",
            "department_id",
            "centre_id",
            "window_id",
            "accepted_by_id",
            "instant",
            "accepted_at",
            "closed_at",
            "deadline",
        )
    )
    return [_case_fact(district_id, row, calendar) for row in rows]


def _case_fact(district_id, row, calendar: WorkCalendar) -> ScoreFact:
    pk, department, centre, window, officer, instant, accepted_at, closed_at, deadline = row
    on_time = instant or deadline is None or closed_at <= deadline
    return _fact(
        district_id,
        Source.CASE,
        pk,
        calendar.local_date(closed_at),
        (department, centre, window, officer),
        concluded=1,
        on_time=int(on_time),
        instant=int(instant),
        overdue=int(not on_time),
        processing_seconds=max(0, int((closed_at - accepted_at).total_seconds())),
        processing_days=max(0, calendar.working_days_between(accepted_at, closed_at)),
    )


def complaint_facts(district_id: int, ids, calendar: WorkCalendar) -> list[ScoreFact]:
    """A complaint counts on the day received, against its department (handling it, else the one it names),
    its centre (else its case's), and its case's window and accepting officer. Each reply counts on the day
    it was sent (unless the automatic checks bounced it) and, once scored, on the day it was reviewed, for the
    department that replied and the officer who wrote it."""
    complaints = {
        row[0]: row
        for row in Complaint.objects.filter(district_id=district_id, id__in=ids).values_list(
            "id",
            "kind",
            "received_at",
            "department_id",
            "linked_department_id",
            "centre_id",
            "case__centre_id",
            "case__window_id",
            "case__accepted_by_id",
        )
    }
    facts = []
    for (
        pk,
        kind,
        received_at,
        department,
        linked,
        centre,
        case_centre,
        window,
        officer,
    ) in complaints.values():
        if kind == complaint_rules.COMPLAINT:
            units = (department or linked, centre or case_centre, window, officer)
            day = calendar.local_date(received_at)
            facts.append(_fact(district_id, Source.COMPLAINT, pk, day, units, complaints=1))
    replies = Reply.objects.filter(complaint_id__in=list(complaints)).values_list(
        "id", "complaint_id", "department_id", "author_id", "at", "late", "outcome", "score", "reviewed_at"
    )
    for pk, complaint_id, department, author, at, late, outcome, score, reviewed_at in replies:
        _c, _k, _r, handling, linked, centre, case_centre, window, _o = complaints[complaint_id]
        units = (department or handling or linked, centre or case_centre, window, author)
        if outcome != ReplyOutcome.RETURNED:
            day = calendar.local_date(at)
            facts.append(
                _fact(district_id, Source.REPLY, pk, day, units, replies=1, replies_on_time=int(not late))
            )
        if score is not None and reviewed_at is not None:
            day = calendar.local_date(reviewed_at)
            facts.append(
                _fact(district_id, Source.REVIEW, pk, day, units, quality_sum=score, quality_count=1)
            )
    return facts


def rating_facts(district_id: int, ids, calendar: WorkCalendar) -> list[ScoreFact]:
    """`ids` are first ratings (never follow-ups). A rating counts on the day it was given, for the department,
    centre, window and officer recorded on it, with its follow-up's level when there is one (the rater's last
    word after the rectification); a rating set aside on appeal does not count, nor does its rectification. A
    rectification counts on the day it falls due (fix_due), on time when closed by then."""
    ratings = Rating.objects.filter(
        district_id=district_id, id__in=ids, follow_up_of__isnull=True
    ).values_list(
        "id", "level", "rated_at", "excluded", "department_id", "centre_id", "window_id", "officer_id"
    )
    follow_ups = dict(Rating.objects.filter(follow_up_of_id__in=ids).values_list("follow_up_of_id", "level"))
    rectifications = {
        row[0]: row[1:]
        for row in Rectification.objects.filter(rating_id__in=ids).values_list(
            "rating_id", "id", "department_id", "fix_due", "closed_at"
        )
    }
    facts = []
    for pk, level, rated_at, excluded, department, centre, window, officer in ratings:
        if excluded:
            continue
        level = follow_ups.get(pk, level)
        units = (department, centre, window, officer)
        facts.append(
            _fact(
                district_id,
                Source.RATING,
                pk,
                calendar.local_date(rated_at),
                units,
                ratings=1,
                rating_sum=level,
                ratings_bad=int(rating_rules.is_bad(level)),
            )
        )
        if pk in rectifications:
            rect_id, rect_department, fix_due, closed_at = rectifications[pk]
            on_time = closed_at is not None and closed_at <= fix_due
            facts.append(
                _fact(
                    district_id,
                    Source.RECTIFICATION,
                    rect_id,
                    calendar.local_date(fix_due),
                    (rect_department or department, centre, window, officer),
                    rectifications_due=1,
                    rectifications_on_time=int(on_time),
                )
            )
    return facts


def first_rating_ids(district_id: int, ids) -> set[int]:
    """The first ratings behind these ratings (a follow-up stands for the rating it follows)."""
    rows = Rating.objects.filter(district_id=district_id, id__in=ids).values_list("id", "follow_up_of_id")
    return {follow_up_of or pk for pk, follow_up_of in rows}


def rectification_rating_ids(district_id: int, ids) -> set[int]:
    return set(
        Rectification.objects.filter(district_id=district_id, id__in=ids).values_list("rating_id", flat=True)
    )
