"""The working-day calendar, without a database: the 2025 and 2026 arrangements, counting rules, the
provisional calendar past the library's last year, and properties of the arithmetic."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from onedoor.core import calendar as calendar_module
from onedoor.core.calendar import (
    SHANGHAI,
    DayKind,
    WorkCalendar,
    official,
    statutory_holidays,
    years_without_official_data,
)

national = WorkCalendar()


def days(first: str, last: str) -> list[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# --- the official arrangements ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "holiday,makeup",
    [
        (days("2025-01-28", "2025-02-04"), ["2025-01-26", "2025-02-08"]),  # 2025 Spring Festival
        (days("2025-10-01", "2025-10-08"), ["2025-09-28", "2025-10-11"]),  # 2025 National Day + Mid-autumn
        # 2026, as in the State Council notice of 4 Nov 2025 and chinesecalendar 1.11:
        (days("2026-02-15", "2026-02-23"), ["2026-02-14", "2026-02-28"]),  # Spring Festival, 9 days
        (days("2026-10-01", "2026-10-07"), ["2026-09-20", "2026-10-10"]),  # National Day, 7 days
    ],
)
def test_statutory_holidays_are_rest_days_and_makeup_weekends_are_working_days(holiday, makeup):
    assert not any(national.is_workday(d) for d in holiday)
    for text in makeup:
        day = date.fromisoformat(text)
        assert day.weekday() >= 5
        assert national.is_workday(day)
        assert national.describe(day).kind is DayKind.MAKEUP_WORKDAY


def test_the_2026_mid_autumn_friday_is_a_holiday():
    info = national.describe(date(2026, 9, 25))
    assert (info.is_workday, info.kind, info.festival) == (False, DayKind.HOLIDAY, "Mid-autumn Festival")


def test_days_are_labelled_for_pages():
    assert national.describe(date(2025, 1, 28)).festival == "Spring Festival"
    assert national.describe(date(2025, 2, 1)).kind is DayKind.HOLIDAY  # a Saturday inside the holiday
    assert national.describe(date(2025, 3, 1)).kind is DayKind.REST
    assert national.describe(date(2025, 3, 3)).kind is DayKind.WORKDAY
    assert not national.describe(date(2027, 3, 3)).official


# --- adding working days across each holiday ------------------------------------------------------


@pytest.mark.parametrize(
    "start,n,due",
    [
        # 2025 Spring Festival: Fri 24 Jan, make-up Sun 26 Jan, off 28 Jan–4 Feb, make-up Sat 8 Feb
        ("2025-01-24", 1, "2025-01-26"),
        ("2025-01-24", 2, "2025-01-27"),
        ("2025-01-24", 3, "2025-02-05"),
        ("2025-01-24", 6, "2025-02-08"),
        ("2025-01-24", 7, "2025-02-10"),
        # 2025 National Day: make-up Sun 28 Sep, off 1–8 Oct, make-up Sat 11 Oct
        ("2025-09-26", 1, "2025-09-28"),
        ("2025-09-26", 3, "2025-09-30"),
        ("2025-09-26", 4, "2025-10-09"),
        ("2025-09-26", 6, "2025-10-11"),
        ("2025-09-26", 7, "2025-10-13"),
        ("2025-10-03", 1, "2025-10-09"),  # accepted online on a holiday
        # 2026 Spring Festival: make-up Sat 14 Feb, off 15–23 Feb, make-up Sat 28 Feb
        ("2026-02-13", 1, "2026-02-14"),
        ("2026-02-13", 2, "2026-02-24"),
        ("2026-02-13", 6, "2026-02-28"),
        ("2026-02-13", 7, "2026-03-02"),
        # 2026 National Day: make-up Sun 20 Sep, Mid-autumn Fri 25 Sep, off 1–7 Oct, make-up Sat 10 Oct
        ("2026-09-18", 1, "2026-09-20"),
        ("2026-09-18", 6, "2026-09-28"),
        ("2026-09-18", 8, "2026-09-30"),
        ("2026-09-18", 9, "2026-10-08"),
        ("2026-09-18", 11, "2026-10-10"),
        ("2026-09-18", 12, "2026-10-12"),
        # a 20-day licensing decision accepted just before the 2025 Spring Festival
        ("2025-01-20", 20, "2025-02-21"),
    ],
)
def test_a_limit_counts_working_days_from_the_day_after_acceptance(start, n, due):
    assert national.add_working_days(date.fromisoformat(start), n) == date.fromisoformat(due)
    assert national.working_days_between(date.fromisoformat(start), date.fromisoformat(due)) == n


def test_the_day_of_acceptance_is_not_counted_even_when_it_is_a_working_day():
    assert national.add_working_days(date(2025, 3, 3), 1) == date(2025, 3, 4)


def test_an_instant_item_is_due_at_the_end_of_the_same_day():
    accepted = datetime(2025, 10, 3, 9, 30, tzinfo=SHANGHAI)
    assert national.add_working_days(accepted, 0) == datetime(
        2025, 10, 3, 23, 59, 59, 999999, tzinfo=SHANGHAI
    )


def test_a_moment_gives_the_end_of_the_due_day_in_its_own_zone():
    accepted = datetime(2025, 9, 30, 16, 30, tzinfo=SHANGHAI)
    due = national.add_working_days(accepted, 3)
    assert due == datetime(2025, 10, 11, 23, 59, 59, 999999, tzinfo=SHANGHAI)
    assert due.tzinfo is SHANGHAI


def test_a_utc_moment_is_counted_on_its_shanghai_day():
    # 17:00 UTC on 30 Sep is 01:00 on 1 Oct in Shanghai: the holiday has begun.
    accepted = datetime(2025, 9, 30, 17, 0, tzinfo=UTC)
    due = national.add_working_days(accepted, 1)
    assert due == datetime(2025, 10, 9, 15, 59, 59, 999999, tzinfo=UTC)
    assert due.tzinfo is UTC


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError, match="naive"):
        national.add_working_days(datetime(2025, 1, 1, 9, 0), 1)


def test_a_negative_limit_is_refused():
    with pytest.raises(ValueError):
        national.add_working_days(date(2025, 1, 1), -1)


def test_working_days_between_is_negative_when_the_end_is_earlier():
    assert national.working_days_between(date(2025, 10, 11), date(2025, 9, 26)) == -6
    assert national.working_days_between(date(2025, 10, 1), date(2025, 10, 8)) == 0


# --- past the library's last year ----------------------------------------------------------------


def test_the_library_knows_2025_and_2026_but_not_2027():
    assert official(2025) and official(2026)
    assert not official(2027)


def test_new_years_day_2027_is_a_rest_day_before_the_notice_is_loaded():
    info = national.describe(date(2027, 1, 1))  # a Friday
    assert (info.is_workday, info.kind, info.festival, info.official) == (
        False,
        DayKind.HOLIDAY,
        "New Year's Day",
        False,
    )


# Lunar new year 2027 (正月初一) is Saturday 6 February 2027: Hong Kong's general holidays for 2027 list
# "Lunar New Year" on Sat 6, Sun 7 and Mon 8 February (public-holidays.us/HK_KL_2027_All, from the Hong
# Kong Government's gazetted list); the new moon falls at 23:59 Beijing time on 6 Feb (annular solar
# eclipse of 2027-02-06, 15:59 UTC). So the eve (除夕) is Friday 5 February, and the 2024 放假办法 gives
# the eve and lunar 1/1–1/3: 5–8 February 2027.
SPRING_FESTIVAL_2027 = days("2027-02-05", "2027-02-08")


def test_the_2027_spring_festival_days_are_rest_days_before_the_notice_is_loaded():
    for day in SPRING_FESTIVAL_2027:
        info = national.describe(day)
        assert not info.is_workday, day
        assert (info.festival, info.official) == ("Spring Festival", False), day
    assert national.is_workday(date(2027, 2, 4)) and national.is_workday(date(2027, 2, 9))
    # Fri 5 and Mon 8 Feb are weekdays lost to the festival: 3 working days from Thu 4 Feb end on Thu 11.
    assert national.add_working_days(date(2027, 2, 4), 3) == date(2027, 2, 11)


def test_the_provisional_2027_calendar_has_the_13_statutory_days_and_no_invented_makeup_days():
    holidays = {date.fromordinal(o): name for o, name in statutory_holidays(2027).items()}
    assert sorted(holidays) == [
        date(2027, 1, 1),
        *SPRING_FESTIVAL_2027,
        date(2027, 4, 5),  # 清明 (solar term)
        date(2027, 5, 1),
        date(2027, 5, 2),
        date(2027, 6, 9),  # 端午, lunar 5/5
        date(2027, 9, 15),  # 中秋, lunar 8/15
        date(2027, 10, 1),
        date(2027, 10, 2),
        date(2027, 10, 3),
    ]
    for day in days("2027-01-01", "2027-12-31"):
        expected = day.weekday() < 5 and day not in holidays  # no weekend is made a working day
        assert national.is_workday(day) is expected, day


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_statutory_rule_agrees_with_the_published_arrangements_of_2025_and_2026(year):
    """Every day the rule gives is a holiday in the State Council's notice for that year (as the library
    carries it): the notices only add bridging days around them."""
    rule = statutory_holidays(year)
    assert len(rule) == 13  # 1 + 4 + 1 + 2 + 1 + 1 + 3 days
    for ordinal, name in rule.items():
        day = date.fromordinal(ordinal)
        assert chinese_calendar.get_holiday_detail(day) == (True, name), day


def test_a_year_the_library_knows_is_counted_as_before():
    assert official(2026)
    # The 2026 notice: Sat 14 Feb works, 15–23 Feb is the Spring Festival; the library's answer, unchanged.
    assert national.add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)
    for day in days("2026-01-01", "2026-12-31"):
        assert national.is_workday(day) is chinese_calendar.is_workday(day), day


def test_a_deadline_running_into_2027_skips_new_years_day_and_is_flagged():
    start = date(2026, 12, 10)
    due = national.add_working_days(start, 20)
    assert due == date(2027, 1, 8)  # Fri 1 Jan 2027 is New Year's Day even before the notice
    assert years_without_official_data(start, due) == [2027]
    assert years_without_official_data(date(2025, 1, 1), date(2026, 12, 31)) == []


def test_a_district_override_on_a_2027_date_changes_the_deadline():
    calendar = WorkCalendar({date(2027, 1, 4): False})  # e.g. a typhoon closure, or the notice's bridge day
    assert calendar.add_working_days(date(2026, 12, 10), 20) == date(2027, 1, 11)
    assert calendar.describe(date(2027, 1, 4)).kind is DayKind.DISTRICT_REST


def test_a_district_override_wins_over_the_provisional_statutory_holiday():
    calendar = WorkCalendar({date(2027, 1, 1): True, date(2027, 2, 20): True})  # 20 Feb: a Saturday
    assert calendar.is_workday(date(2027, 1, 1)) and calendar.is_workday(date(2027, 2, 20))
    assert calendar.describe(date(2027, 1, 1)).kind is DayKind.DISTRICT_WORKDAY
    assert calendar.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)


def test_years_past_the_lunar_tables_fall_back_to_monday_to_friday():
    assert statutory_holidays(2100) == {} and statutory_holidays(2003) == {}
    assert national.is_workday(date(2100, 1, 1))  # a Friday


def test_a_district_override_wins_over_the_official_calendar():
    calendar = WorkCalendar({date(2025, 1, 26): False, date(2025, 1, 28): True})
    assert not calendar.is_workday(date(2025, 1, 26))
    assert calendar.add_working_days(date(2025, 1, 24), 1) == date(2025, 1, 27)
    assert calendar.add_working_days(date(2025, 1, 24), 2) == date(2025, 1, 28)


def test_adding_working_days_does_not_ask_the_library_again(monkeypatch):
    calendar = WorkCalendar()
    calendar.add_working_days(date(2025, 12, 20), 20)  # warm the per-year caches
    calls = []
    original = chinese_calendar.get_holiday_detail

    def counting(day):
        calls.append(day)
        return original(day)

    monkeypatch.setattr(chinese_calendar, "get_holiday_detail", counting)
    for _ in range(1000):
        assert WorkCalendar().add_working_days(date(2025, 12, 20), 20) == date(
            2026, 1, 19
        )  # make-up Sunday 4 Jan 2026 counts
    assert calls == []


def test_a_year_is_read_from_the_library_once(monkeypatch):
    calls = []
    original = chinese_calendar.get_holiday_detail
    monkeypatch.setattr(
        chinese_calendar, "get_holiday_detail", lambda day: calls.append(day) or original(day)
    )
    calendar_module._official_year.cache_clear()
    for _ in range(50):
        WorkCalendar().add_working_days(date(2024, 3, 1), 20)
    assert len(calls) <= 367


# --- properties -------------------------------------------------------------------------------------

moments = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 9, 30))
limits = st.integers(min_value=0, max_value=90)
overrides = st.dictionaries(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 6, 30)), st.booleans(), max_size=30
)


@given(moments, limits, overrides)
def test_the_deadline_grows_with_the_limit(start, n, extra):
    calendar = WorkCalendar(extra)
    assert calendar.add_working_days(start, n) < calendar.add_working_days(start, n + 1)


@given(moments, limits, overrides)
def test_counting_between_undoes_adding(start, n, extra):
    calendar = WorkCalendar(extra)
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


@given(moments, st.integers(min_value=1, max_value=90), overrides)
def test_the_deadline_is_a_working_day_and_overrides_are_respected(start, n, extra):
    calendar = WorkCalendar(extra)
    due = calendar.add_working_days(start, n)
    assert calendar.is_workday(due)
    assert extra.get(due, True)
    counted = [d for d in days(str(start + timedelta(days=1)), str(due)) if calendar.is_workday(d)]
    assert len(counted) == n
    for day, is_workday in extra.items():
        assert calendar.is_workday(day) is is_workday


@given(moments, moments, overrides)
def test_counting_between_is_antisymmetric(a, b, extra):
    calendar = WorkCalendar(extra)
    assert calendar.working_days_between(a, b) == -calendar.working_days_between(b, a)
