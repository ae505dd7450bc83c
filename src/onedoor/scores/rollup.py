"""The scores rollup, kept incrementally from the append-only records the business already writes.

Why not an UPSERT hook in every service: the case, complaint and rating services are other domains' code
(cases must not import supervision or scores), and an `x = x + excluded.x` counter makes every concluded case
of a department update the same hot row (one lock queue per department and day). Instead each event already
leaves an append-only row with a growing id — a trail entry (cases), a complaint step (complaints, replies,
reviews), a rating (first ratings, follow-ups, defaults) and a rectification step (closing, appeals) — and the
refresh reads those past a per-district watermark, like an outbox that cannot lose a message: nothing is
written by the services, so nothing can be forgotten by them.

For each source row touched the refresh recomputes what it counts (`facts.py`, one ScoreFact row per case,
complaint, reply, review, rating, rectification), replacing what it counted before, and then recomputes the
days whose facts changed (the old and the new day) from ScoreFact by an indexed range: a day's UnitDay rows
are always a GROUP BY of its facts, so a corrected, reassigned or appealed record moves its count instead of
adding a second one, and incremental refreshes give exactly what `scores_rebuild` gives.

Rows that commit out of id order: an id is taken at INSERT, a row becomes visible at COMMIT, so a row with a
smaller id may appear after a refresh passed it. The watermark therefore stops short of any row written in
the last LAG (5 minutes); those are read again at the next refresh (recomputing is idempotent).

`onedoor worker` refreshes every district at each sweep, `onedoor scores refresh` on demand; the pages read
the rollup as of the last refresh and say when that was."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Max, Min, Sum

from onedoor.cases.models import Case, TrailEntry
from onedoor.complaints.models import Complaint, ComplaintStep, Reply
from onedoor.core import clock
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import District
from onedoor.ratings.models import Rating, Rectification, RectificationStep
from onedoor.scores import facts, rules
from onedoor.scores.models import ScoreFact, ScoresWatermark, Source, UnitDay

LAG = timedelta(minutes=5)
BATCH = 1000
UNIT_FIELDS = {
    rules.DEPARTMENT: "department_id",
    rules.CENTRE: "centre_id",
    rules.WINDOW: "window_id",
    rules.OFFICER: "officer_id",
}


def _changed(model, district, mark: int, key: str, at: str, now: datetime) -> tuple[set[int], int]:
    """The keys of the source rows past `mark`, and the new mark (short of rows newer than LAG)."""
    rows = model.objects.filter(district=district, id__gt=mark).values_list("id", key, at)
    keys, top, recent = set(), mark, None
    for pk, value, moment in rows.iterator(chunk_size=5000):
        keys.add(value)
        top = max(top, pk)
        if moment >= now - LAG and (recent is None or pk < recent):
            recent = pk
    return keys, top if recent is None else recent - 1


def scores_refresh(*, district, now: datetime | None = None, wait: bool = True) -> int:
    """Take in what changed since the last refresh; returns how many days were recomputed. One refresh of a
    district at a time: the watermark row is locked; with `wait=False` (the worker) a refresh already
    running elsewhere makes this one return 0 at once (PostgreSQL; SQLite serializes writers anyway)."""
    now = now or clock.now()
    calendar = calendar_for(district)
    with transaction.atomic():
        ScoresWatermark.objects.get_or_create(district=district)
        skip = not wait and connection.features.has_select_for_update_skip_locked
        mark = ScoresWatermark.objects.select_for_update(skip_locked=skip).filter(district=district).first()
        if mark is None:
            return 0
        cases, mark.trail_id = _changed(TrailEntry, district, mark.trail_id, "case_id", "at", now)
        complaints, mark.complaint_step_id = _changed(
            ComplaintStep, district, mark.complaint_step_id, "complaint_id", "at", now
        )
        ratings, mark.rating_id = _changed(Rating, district, mark.rating_id, "id", "rated_at", now)
        rects, mark.rectification_step_id = _changed(
            RectificationStep, district, mark.rectification_step_id, "rectification_id", "at", now
        )
        rating_ids = facts.first_rating_ids(district.id, ratings) | facts.rectification_rating_ids(
            district.id, rects
        )
        days = _replace_facts(district, calendar, cases, complaints, rating_ids)
        days_recompute(district=district, days=days)
        mark.refreshed_at = now
        mark.save()
    return len(days)


def _replace_facts(district, calendar, cases, complaints, rating_ids) -> set[date]:
    """Recompute the facts of these source rows; the days they counted on before and now."""
    days: set[date] = set()
    work = (
        (facts.case_facts, sorted(cases)),
        (facts.complaint_facts, sorted(complaints)),
        (facts.rating_facts, sorted(rating_ids)),
    )
    for compute, ids in work:
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            new = compute(district.id, chunk, calendar)
            old = _old_facts(district, compute, chunk)
            days |= set(old.values_list("day", flat=True).distinct())
            old.delete()
            ScoreFact.objects.bulk_create(new)
            days |= {f.day for f in new}
    return days


def _old_facts(district, compute, chunk):
    """The facts these source rows wrote last time (a complaint's replies and a rating's rectification are
    found through their parent, which may have gained rows since)."""
    qs = ScoreFact.objects.filter(district=district)
    if compute is facts.case_facts:
        return qs.filter(source=Source.CASE, source_id__in=chunk)
    if compute is facts.complaint_facts:
        replies = list(Reply.objects.filter(complaint_id__in=chunk).values_list("id", flat=True))
        return qs.filter(source__in=(Source.REPLY, Source.REVIEW), source_id__in=replies) | qs.filter(
            source=Source.COMPLAINT, source_id__in=chunk
        )
    rects = list(Rectification.objects.filter(rating_id__in=chunk).values_list("id", flat=True))
    return qs.filter(source=Source.RATING, source_id__in=chunk) | qs.filter(
        source=Source.RECTIFICATION, source_id__in=rects
    )


def days_recompute(*, district, days) -> None:
    """Replace the UnitDay rows of these days by the GROUP BY of their facts, per unit kind."""
    days = sorted(days)
    for start in range(0, len(days), 31):
        chunk = days[start : start + 31]
        UnitDay.objects.filter(district=district, day__in=chunk).delete()
        facts_of = ScoreFact.objects.filter(district=district, day__in=chunk)
        rows = []
        for kind, field in UNIT_FIELDS.items():
            sums = (
                facts_of.exclude(**{field: None})
                .values("day", field)
                .order_by()
                .annotate(**{f"s_{c}": Sum(c) for c in rules.COUNTERS})
            )
            rows += [
                UnitDay(
                    district=district,
                    day=row["day"],
                    kind=kind,
                    unit_id=row[field],
                    **{c: row[f"s_{c}"] or 0 for c in rules.COUNTERS},
                )
                for row in sums
            ]
        UnitDay.objects.bulk_create(rows, batch_size=2000)


def _between(field: str, start: date | None, end: date | None, tz) -> dict:
    bounds = {}
    if start:
        bounds[f"{field}__gte"] = datetime.combine(start, time.min, tzinfo=tz)
    if end:
        bounds[f"{field}__lt"] = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    return bounds


def scores_rebuild(*, district, start: date | None = None, end: date | None = None) -> int:
    """Recompute the facts and the rollup from the source rows, for the whole history or the days from
    `start` to `end` (what counts on those days; what counts elsewhere is left as it is); returns how many
    days hold data afterwards. A whole rebuild also moves the watermark to what it has read."""
    calendar = calendar_for(district)
    tz, now = calendar.tz, clock.now()
    with transaction.atomic():
        ScoresWatermark.objects.get_or_create(district=district)
        mark = ScoresWatermark.objects.select_for_update().get(district=district)
        if start is None and end is None:
            mark.trail_id = _top_before(TrailEntry, district, "at", now)
            mark.complaint_step_id = _top_before(ComplaintStep, district, "at", now)
            mark.rating_id = _top_before(Rating, district, "rated_at", now)
            mark.rectification_step_id = _top_before(RectificationStep, district, "at", now)
            mark.refreshed_at = now
            mark.save()
        days = set(_in(UnitDay.objects.filter(district=district), start, end).values_list("day", flat=True))
        _in(ScoreFact.objects.filter(district=district), start, end).delete()
        for compute, ids in _sources(district, start, end, tz):
            for at in range(0, len(ids), BATCH):
                new = [
                    f
                    for f in compute(district.id, ids[at : at + BATCH], calendar)
                    if _inside(f.day, start, end)
                ]
                by_source = defaultdict(list)
                for f in new:
                    by_source[f.source].append(f.source_id)
                for source, source_ids in by_source.items():  # counted outside the range before
                    ScoreFact.objects.filter(source=source, source_id__in=source_ids).delete()
                ScoreFact.objects.bulk_create(new)
                days |= {f.day for f in new}
        days_recompute(district=district, days=days)
        return _in(UnitDay.objects.filter(district=district), start, end).values("day").distinct().count()


def _in(qs, start: date | None, end: date | None):
    if start:
        qs = qs.filter(day__gte=start)
    if end:
        qs = qs.filter(day__lte=end)
    return qs


def _sources(district, start, end, tz):
    """The source rows that may count on a day of the range: cases closed, complaints received or replied or
    reviewed, first ratings given and rectifications falling due in it."""
    cases = Case.objects.filter(
        district=district, closed_at__isnull=False, **_between("closed_at", start, end, tz)
    )
    received = Complaint.objects.filter(district=district, **_between("received_at", start, end, tz))
    sent = Reply.objects.filter(district=district, **_between("at", start, end, tz))
    reviewed = Reply.objects.filter(district=district, **_between("reviewed_at", start, end, tz))
    complaints = (
        set(received.values_list("id", flat=True))
        | set(sent.values_list("complaint_id", flat=True))
        | set(reviewed.values_list("complaint_id", flat=True))
    )
    rated = Rating.objects.filter(
        district=district, follow_up_of__isnull=True, **_between("rated_at", start, end, tz)
    )
    due = Rectification.objects.filter(district=district, **_between("fix_due", start, end, tz))
    ratings = set(rated.values_list("id", flat=True)) | set(due.values_list("rating_id", flat=True))
    return (
        (facts.case_facts, sorted(cases.values_list("id", flat=True))),
        (facts.complaint_facts, sorted(complaints)),
        (facts.rating_facts, sorted(ratings)),
    )


def _inside(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def _top_before(model, district, at: str, now: datetime) -> int:
    """The watermark a rebuild leaves: the last id, short of rows newer than LAG (read again next refresh)."""
    recent = model.objects.filter(district=district, **{f"{at}__gte": now - LAG}).aggregate(m=Min("id"))["m"]
    if recent is not None:
        return recent - 1
    return model.objects.filter(district=district).aggregate(m=Max("id"))["m"] or 0


def scores_refresh_all(now: datetime | None = None, *, wait: bool = True) -> int:
    """Refresh every district (the worker's sweep); returns the days recomputed."""
    return sum(scores_refresh(district=d, now=now, wait=wait) for d in District.objects.order_by("id"))
