"""The working-day calendar (工作日历): pure Python, no database.

Which days count
    1. A district override for the date wins (the district's own decision, or the State Council's yearly
       arrangement entered by a district admin for a year the library does not know yet).
    2. Otherwise, for a year `chinesecalendar` knows, its answer: statutory holidays (法定节假日) are rest
       days and 调休 make-up days on a weekend are working days.
    3. Otherwise (a year the library lacks, e.g. 2027 for chinesecalendar 1.11): Monday to Friday less the
       statutory holidays that 《全国年节及纪念日放假办法》 itself fixes (`statutory_holidays()`), for 2025–2099.
       The State Council's yearly notice adds 调休 (bridging rest days and weekend make-up working days) and
       places the day in lieu of a holiday falling on a weekend; none of that can be known before the notice,
       so none of it is guessed. `years_without_official_data()` names such years so pages can say the count
       is provisional.

Days are calendar days in the calendar's time zone (Asia/Shanghai unless given).

Counting a time limit (Administrative Licensing Law practice)
    A limit of N working days runs from the working day AFTER the day of the starting moment: the day of
    acceptance is not counted, even when it is itself a working day.

    `add_working_days(moment, n)` returns the end of the N-th working day after the moment's day:
      * given a `date`, the due `date` (the limit ends when that day ends);
      * given a timezone-aware `datetime`, 23:59:59.999999 of the due day in the calendar's time zone,
        expressed in the input's own time zone (for Asia/Shanghai input this is literally 23:59:59.999999).
      * n = 0 (即办件, instant items) gives the end of the moment's own day, whatever kind of day it is.
    Naive datetimes are refused with ValueError: a moment without a zone has no well-defined day.

    `working_days_between(a, b)` counts the working days d with day(a) < d <= day(b); it is negative when b
    is before a (-working_days_between(b, a)), which reads as "overdue by". For n >= 0,
    working_days_between(a, add_working_days(a, n)) == n.

Speed: the library is asked once per year per process (366 calls, cached), and so is the statutory rule for a
year it lacks; each calendar keeps a sorted
tuple of working-day ordinals per year it has touched, so adding or counting is a few bisections.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from types import MappingProxyType
from typing import overload
from zoneinfo import ZoneInfo

import chinese_calendar
from lunardate import LunarDate

SHANGHAI = ZoneInfo("Asia/Shanghai")


class DayKind(enum.StrEnum):
    WORKDAY = "workday"  # an ordinary Monday–Friday working day
    REST = "rest"  # an ordinary weekend day
    HOLIDAY = "holiday"  # a statutory holiday or a 调休 rest day (official)
    MAKEUP_WORKDAY = "makeup_workday"  # a weekend day made a working day by 调休 (official)
    DISTRICT_WORKDAY = "district_workday"  # made a working day by a district override
    DISTRICT_REST = "district_rest"  # made a rest day by a district override


@dataclass(frozen=True, slots=True)
class DayInfo:
    day: date
    is_workday: bool
    kind: DayKind
    festival: str | None  # chinesecalendar's English festival name, e.g. "Spring Festival" (also provisional)
    official: bool  # the year's official arrangement is known


@dataclass(frozen=True, slots=True)
class _YearDays:
    workdays: frozenset[int]  # ordinals of working days
    festivals: Mapping[int, str]  # ordinal -> festival name, for holidays and make-up workdays


# 《全国年节及纪念日放假办法》 as revised by State Council Decree No. 795 (10 Nov 2024), in force since
# 1 Jan 2025. Earlier versions gave other days (e.g. a 3-day Spring Festival without the eve, 1 day in May);
# chinesecalendar covers all of those years, so the rules are applied from 2025 only. lunardate's table ends
# with lunar year 2099.
STATUTORY_RULES_SINCE = 2025
STATUTORY_RULES_UNTIL = 2099
_H = chinese_calendar.Holiday  # its English names: the staff pages translate them


@lru_cache(maxsize=128)
def statutory_holidays(year: int) -> Mapping[int, str]:
    """The rest days the 放假办法 (2024 revision) fixes for `year`, ordinal -> festival name; empty outside
    2025–2099. 13 days: 元旦 1 Jan; 春节 the lunar new year's eve and lunar 1/1–1/3; 清明 the day of the
    Qingming solar term; 劳动节 1–2 May; 端午 lunar 5/5; 中秋 lunar 8/15; 国庆 1–3 Oct (12 days in a
    year when 中秋 falls on 1–3 Oct, e.g. 2028)."""
    if not STATUTORY_RULES_SINCE <= year <= STATUTORY_RULES_UNTIL:
        return MappingProxyType({})
    days: dict[date, str] = {date(year, 1, 1): _H.new_years_day.value}
    lunar_new_year = LunarDate(year, 1, 1).to_solar_date()
    for offset in range(-1, 3):  # the eve is the last day of the 12th month, whether it has 29 or 30 days
        days[lunar_new_year + timedelta(days=offset)] = _H.spring_festival.value
    terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
    days.update({day: _H.tomb_sweeping_day.value for day, name in terms if name == "清明"})
    days[date(year, 5, 1)] = days[date(year, 5, 2)] = _H.labour_day.value
    days[LunarDate(year, 5, 5).to_solar_date()] = _H.dragon_boat_festival.value
    days[LunarDate(year, 8, 15).to_solar_date()] = _H.mid_autumn_festival.value
    for day in (1, 2, 3):
        days[date(year, 10, day)] = _H.national_day.value
    return MappingProxyType({day.toordinal(): name for day, name in days.items()})


@lru_cache(maxsize=512)
def _provisional_year(year: int) -> _YearDays:
    """A year the library lacks: Monday to Friday less the statutory holidays."""
    holidays = statutory_holidays(year)
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    workdays = {o for o in range(first, last + 1) if date.fromordinal(o).weekday() < 5 and o not in holidays}
    return _YearDays(frozenset(workdays), holidays)


def _year_days(year: int) -> _YearDays:
    return _official_year(year) or _provisional_year(year)


@lru_cache(maxsize=512)
def _official_year(year: int) -> _YearDays | None:
    """The library's arrangement for a year, or None when it has no data for the year. The library
    signals missing years by raising NotImplementedError, so the supported range is discovered, not
    hard-coded: a newer chinesecalendar release extends it by itself."""
    first = date(year, 1, 1)
    try:
        chinese_calendar.get_holiday_detail(first)
    except NotImplementedError:
        return None
    workdays: set[int] = set()
    festivals: dict[int, str] = {}
    day = first
    while day.year == year:
        is_holiday, name = chinese_calendar.get_holiday_detail(day)
        if not is_holiday:
            workdays.add(day.toordinal())
        if name:
            festivals[day.toordinal()] = name
        day += timedelta(days=1)
    return _YearDays(frozenset(workdays), MappingProxyType(festivals))


def official(year: int) -> bool:
    """Whether chinesecalendar knows the official arrangement of `year`."""
    return _official_year(year) is not None


def years_without_official_data(start: date | datetime, end: date | datetime) -> list[int]:
    """The years from start's to end's (inclusive, either order) whose official arrangement is unknown:
    counted provisionally (Monday–Friday less the statutory holidays, plus district overrides)."""
    first, last = sorted((start.year, end.year))
    return [year for year in range(first, last + 1) if not official(year)]


class WorkCalendar:
    """Working days of one district: its overrides over the official calendar over the provisional one."""

    def __init__(self, overrides: Mapping[date, bool] | None = None, tz: tzinfo = SHANGHAI) -> None:
        self.overrides: Mapping[date, bool] = MappingProxyType(dict(overrides or {}))
        self.tz = tz
        self._by_year: dict[int, dict[int, bool]] = {}
        for day, is_workday in self.overrides.items():
            self._by_year.setdefault(day.year, {})[day.toordinal()] = bool(is_workday)
        self._years: dict[int, tuple[int, ...]] = {}

    # --- single days --------------------------------------------------------------------------------
    def is_workday(self, day: date | datetime) -> bool:
        day = self.local_date(day)
        override = self.overrides.get(day)
        if override is not None:
            return override
        return day.toordinal() in _year_days(day.year).workdays

    def describe(self, day: date) -> DayInfo:
        """What kind of day it is, for pages that label make-up workdays and holidays."""
        is_official = official(day.year)
        festival = _year_days(day.year).festivals.get(day.toordinal())
        override = self.overrides.get(day)
        if override is not None:
            kind = DayKind.DISTRICT_WORKDAY if override else DayKind.DISTRICT_REST
            return DayInfo(day, override, kind, festival, is_official)
        is_workday = self.is_workday(day)
        weekend = day.weekday() >= 5
        if is_workday:
            kind = DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY
        else:
            kind = DayKind.HOLIDAY if festival or not weekend else DayKind.REST
        return DayInfo(day, is_workday, kind, festival, is_official)

    def local_date(self, moment: date | datetime) -> date:
        """The calendar day of a moment: a date as is, an aware datetime in the calendar's zone."""
        if isinstance(moment, datetime):
            if moment.tzinfo is None or moment.utcoffset() is None:
                raise ValueError("a naive datetime has no calendar day: pass an aware datetime or a date")
            return moment.astimezone(self.tz).date()
        return moment

    # --- arithmetic ---------------------------------------------------------------------------------
    @overload
    def add_working_days(self, moment: datetime, n: int) -> datetime: ...
    @overload
    def add_working_days(self, moment: date, n: int) -> date: ...

    def add_working_days(self, moment: date | datetime, n: int) -> date | datetime:
        """The end of the n-th working day after the moment's day (see the module docstring)."""
        if n < 0:
            raise ValueError("a time limit is a number of working days >= 0")
        start = self.local_date(moment)
        due = date.fromordinal(self._nth_workday_after(start.toordinal(), n)) if n else start
        if isinstance(moment, datetime):
            end = datetime.combine(due, time.max, tzinfo=self.tz)
            return end.astimezone(moment.tzinfo)
        return due

    def working_days_between(self, a: date | datetime, b: date | datetime) -> int:
        """Working days d with day(a) < d <= day(b); negative when b is before a."""
        first, last = self.local_date(a).toordinal(), self.local_date(b).toordinal()
        if last < first:
            return -self._count(last, first)
        return self._count(first, last)

    def workdays_in(self, year: int) -> tuple[int, ...]:
        """Ordinals of the year's working days, ascending (cached per calendar)."""
        cached = self._years.get(year)
        if cached is None:
            cached = self._build_year(year)
            self._years[year] = cached
        return cached

    def _build_year(self, year: int) -> tuple[int, ...]:
        days = set(_year_days(year).workdays)
        for ordinal, is_workday in self._by_year.get(year, {}).items():
            (days.add if is_workday else days.discard)(ordinal)
        return tuple(sorted(days))

    def _nth_workday_after(self, ordinal: int, n: int) -> int:
        year = date.fromordinal(ordinal).year
        while True:
            workdays = self.workdays_in(year)
            index = bisect_right(workdays, ordinal)
            available = len(workdays) - index
            if n <= available:
                return workdays[index + n - 1]
            n -= available
            year += 1
            if year > date.max.year:
                raise OverflowError("the time limit runs past the end of the calendar")

    def _count(self, first: int, last: int) -> int:
        """Working days with ordinal in (first, last]."""
        total = 0
        for year in range(date.fromordinal(first).year, date.fromordinal(last).year + 1):
            workdays = self.workdays_in(year)
            total += bisect_right(workdays, last) - bisect_right(workdays, first)
        return total

    def years_without_official_data(self, start: date | datetime, end: date | datetime) -> list[int]:
        return years_without_official_data(self.local_date(start), self.local_date(end))


def date_range(first: date, last: date) -> Iterable[date]:
    """Every day from first to last inclusive."""
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
