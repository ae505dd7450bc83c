"""A district's working-day calendar: its overrides (CalendarOverride) over the national calendar.

Reads (`calendar_for`, `overrides_of`) are scoped to one district. Writes (`override_set`,
`override_remove`, `arrangement_import`) are atomic, allowed to the district's own admins (or the system,
actor=None, for seeding and commands) and leave an audit record.

`calendar_for` loads the district's overrides on every call (a district has a few dozen a year): call it
once per request or job, not once per case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from onedoor.core import config_cache
from onedoor.core.audit import audit
from onedoor.core.calendar import WorkCalendar, date_range
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.districts.models import CalendarOverride, District, Role, Staff

NOTE_MAX = CalendarOverride._meta.get_field("note").max_length
LONGEST_HOLIDAY = 31  # days; the longest statutory break so far is nine


# --- reads -------------------------------------------------------------------------------------------


def overrides_of(district: District, *, year: int | None = None) -> QuerySet[CalendarOverride]:
    overrides = CalendarOverride.objects.filter(district=district)
    if year is not None:
        overrides = overrides.filter(date__year=year)
    return overrides.order_by("date")


def calendar_for(district: District, snapshot=None) -> WorkCalendar:
    """The district's working-day calendar: its overrides over chinesecalendar over the provisional calendar
    (Monday–Friday less the statutory holidays) for years the library lacks. With a `core.config_cache`
    snapshot it comes from the cache."""
    return config_cache.read(snapshot, ("calendar", district.pk), lambda: _calendar(district))


def _calendar(district: District) -> WorkCalendar:
    rows = CalendarOverride.objects.filter(district=district).values_list("date", "is_workday")
    return WorkCalendar(dict(rows))


def can_change_calendar(staff: Staff, district: District) -> bool:
    """District admins change their own district's calendar; platform operators any district's."""
    if not staff.is_authenticated or not staff.is_active:
        return False
    if staff.is_superuser:
        return True
    return staff.district_id == district.id and staff.has_role(Role.DISTRICT_ADMIN)


def _access_change(actor: Staff | None, district: District) -> None:
    if actor is None:  # the system: seeding, management commands
        return
    if not can_change_calendar(actor, district):
        raise Forbidden(
            "calendar_admin_required", _("Only the district's administrators change its calendar.")
        )


def _clean_note(note: str, *, required_code: str) -> str:
    note = (note or "").strip()
    if not note:
        raise DomainError(required_code, _("Give the reason or the notice this change follows."))
    if len(note) > NOTE_MAX:
        raise DomainError(
            "note_too_long", _("The reason is too long (at most %(max)d characters).") % {"max": NOTE_MAX}
        )
    return note


# --- single overrides ------------------------------------------------------------------------------


@transaction.atomic
def override_set(
    *, district: District, date: date, is_workday: bool, note: str, actor: Staff | None
) -> CalendarOverride:
    """Make `date` a working day or a rest day for the district, whatever the national calendar says."""
    _access_change(actor, district)
    note = _clean_note(note, required_code="reason_required")
    override = CalendarOverride.objects.select_for_update().filter(district=district, date=date).first()
    previous = None if override is None else {"is_workday": override.is_workday, "note": override.note}
    if override is None:
        override = CalendarOverride.objects.create(
            district=district, date=date, is_workday=is_workday, note=note
        )
    else:
        override.is_workday, override.note = is_workday, note
        override.save(update_fields=["is_workday", "note"])
    audit(
        district=district,
        actor=actor,
        action="calendar.override_set",
        obj=override,
        reason=note,
        data={"date": date.isoformat(), "is_workday": is_workday, "previous": previous},
    )
    return override


@transaction.atomic
def override_remove(*, district: District, date: date, reason: str, actor: Staff | None) -> None:
    """Remove the district's override for `date`; the national calendar applies again."""
    _access_change(actor, district)
    reason = _clean_note(reason, required_code="reason_required")
    override = CalendarOverride.objects.select_for_update().filter(district=district, date=date).first()
    if override is None:
        raise NotFound("override_not_found", _("There is no override for this date."), date=date.isoformat())
    audit(
        district=district,
        actor=actor,
        action="calendar.override_removed",
        obj=override,
        reason=reason,
        data={"date": date.isoformat(), "was_workday": override.is_workday, "note": override.note},
    )
    override.delete()


# --- a year's arrangement in one go ---------------------------------------------------------------


@dataclass(frozen=True)
class ArrangementImport:
    year: int
    created: int
    changed: int
    unchanged: int


def _arrangement_days(
    year: int, holidays: Iterable[tuple[date, date]], workdays: Iterable[date]
) -> dict[date, bool]:
    """Every date of the arrangement with its status, after checking the ranges make sense. A notice may
    start the New Year break in the previous December (the 2019 notice did), so December of the year
    before is accepted too."""
    earliest, latest = date(year - 1, 12, 1), date(year, 12, 31)
    days: dict[date, bool] = {}
    for first, last in holidays:
        if last < first:
            raise DomainError(
                "bad_range", _("A holiday ends before it starts."), first=str(first), last=str(last)
            )
        if (last - first).days >= LONGEST_HOLIDAY:
            raise DomainError(
                "range_too_long", _("A holiday longer than a month is not a holiday."), first=str(first)
            )
        days.update(dict.fromkeys(date_range(first, last), False))
    for day in workdays:
        if days.get(day) is False:
            raise DomainError(
                "day_both_ways", _("A day cannot be both a holiday and a working day."), date=day.isoformat()
            )
        days[day] = True
    outside = sorted(d for d in days if not earliest <= d <= latest)
    if outside:
        raise DomainError(
            "outside_year",
            _("Every date must lie in the year of the arrangement (or the December before)."),
            dates=[d.isoformat() for d in outside],
        )
    if not days:
        raise DomainError("empty_arrangement", _("The arrangement names no dates."))
    return days


@transaction.atomic
def arrangement_import(
    *,
    district: District,
    year: int,
    holidays: Sequence[tuple[date, date]],
    workdays: Sequence[date],
    note: str,
    actor: Staff | None,
) -> ArrangementImport:
    """Enter the State Council's yearly arrangement (放假调休安排, published each November or December) as
    overrides: every day of each holiday range becomes a rest day, every make-up day a working day.
    All or nothing; importing the same arrangement again changes nothing. Other overrides of the year
    (a district's own decisions) are left as they are."""
    _access_change(actor, district)
    note = _clean_note(note, required_code="note_required")
    days = _arrangement_days(year, holidays, workdays)
    existing = {
        o.date: o
        for o in CalendarOverride.objects.select_for_update().filter(district=district, date__in=list(days))
    }
    new, changed = [], []
    for day, is_workday in sorted(days.items()):
        override = existing.get(day)
        if override is None:
            new.append(CalendarOverride(district=district, date=day, is_workday=is_workday, note=note))
        elif override.is_workday != is_workday or override.note != note:
            override.is_workday, override.note = is_workday, note
            changed.append(override)
    CalendarOverride.objects.bulk_create(new)
    CalendarOverride.objects.bulk_update(changed, ["is_workday", "note"])
    result = ArrangementImport(year, len(new), len(changed), len(days) - len(new) - len(changed))
    audit(
        district=district,
        actor=actor,
        action="calendar.arrangement_imported",
        object_type="districts.calendar",
        object_id=year,
        reason=note,
        data={
            "holidays": [[a.isoformat(), b.isoformat()] for a, b in holidays],
            "workdays": [d.isoformat() for d in workdays],
            "created": result.created,
            "changed": result.changed,
            "unchanged": result.unchanged,
        },
    )
    return result
