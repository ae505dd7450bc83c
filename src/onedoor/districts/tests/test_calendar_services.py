"""A district's calendar overrides: who may change them, the audit trail, and the yearly arrangement."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.core.models import AuditRecord
from onedoor.districts.calendar import (
    arrangement_import,
    calendar_for,
    override_remove,
    override_set,
    overrides_of,
)
from onedoor.districts.models import CalendarOverride

# 国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025)
NOTICE_2026_HOLIDAYS = [
    (date(2026, 1, 1), date(2026, 1, 3)),
    (date(2026, 2, 15), date(2026, 2, 23)),
    (date(2026, 4, 4), date(2026, 4, 6)),
    (date(2026, 5, 1), date(2026, 5, 5)),
    (date(2026, 6, 19), date(2026, 6, 21)),
    (date(2026, 9, 25), date(2026, 9, 27)),
    (date(2026, 10, 1), date(2026, 10, 7)),
]
NOTICE_2026_WORKDAYS = [
    date(2026, 1, 4),
    date(2026, 2, 14),
    date(2026, 2, 28),
    date(2026, 5, 9),
    date(2026, 9, 20),
    date(2026, 10, 10),
]


def test_an_admin_makes_a_2027_date_a_rest_day_and_deadlines_move(chancheng, adam):
    before = calendar_for(chancheng).add_working_days(date(2026, 12, 10), 20)
    override_set(district=chancheng, date=date(2027, 1, 4), is_workday=False, note="台风停工", actor=adam)
    after = calendar_for(chancheng).add_working_days(date(2026, 12, 10), 20)
    assert (before, after) == (date(2027, 1, 8), date(2027, 1, 11))  # 1 Jan 2027 is New Year's Day anyway


def test_setting_an_override_leaves_an_audit_record_with_the_previous_value(chancheng, adam):
    override_set(district=chancheng, date=date(2027, 1, 1), is_workday=False, note="元旦", actor=adam)
    override_set(district=chancheng, date=date(2027, 1, 1), is_workday=True, note="值班", actor=adam)
    records = AuditRecord.objects.filter(district=chancheng, action="calendar.override_set").order_by("id")
    assert [r.data["is_workday"] for r in records] == [False, True]
    assert records[1].data["previous"] == {"is_workday": False, "note": "元旦"}
    assert records[1].actor == adam and records[1].reason == "值班"
    assert overrides_of(chancheng).get().is_workday is True


def test_removing_an_override_restores_the_national_calendar_and_is_audited(chancheng, adam):
    override_set(district=chancheng, date=date(2025, 10, 8), is_workday=True, note="窗口值班", actor=adam)
    assert calendar_for(chancheng).is_workday(date(2025, 10, 8))
    override_remove(district=chancheng, date=date(2025, 10, 8), reason="取消值班", actor=adam)
    assert not calendar_for(chancheng).is_workday(date(2025, 10, 8))
    record = AuditRecord.objects.get(district=chancheng, action="calendar.override_removed")
    assert record.data == {"date": "2025-10-08", "was_workday": True, "note": "窗口值班"}


def test_removing_a_missing_override_is_not_found(chancheng, adam):
    with pytest.raises(NotFound):
        override_remove(district=chancheng, date=date(2025, 10, 8), reason="x", actor=adam)


def test_an_override_needs_a_reason(chancheng, adam):
    with pytest.raises(DomainError) as error:
        override_set(district=chancheng, date=date(2027, 1, 1), is_workday=False, note="  ", actor=adam)
    assert error.value.code == "reason_required"


def test_a_window_generalist_cannot_change_the_calendar(chancheng, alice):
    with pytest.raises(Forbidden):
        override_set(district=chancheng, date=date(2027, 1, 1), is_workday=False, note="元旦", actor=alice)
    assert not CalendarOverride.objects.exists()


def test_another_districts_admin_cannot_change_the_calendar(chancheng, adam, hana):
    override_set(district=chancheng, date=date(2027, 1, 1), is_workday=False, note="元旦", actor=adam)
    with pytest.raises(Forbidden):
        override_set(district=chancheng, date=date(2027, 1, 4), is_workday=False, note="x", actor=hana)
    with pytest.raises(Forbidden):
        override_remove(district=chancheng, date=date(2027, 1, 1), reason="x", actor=hana)
    assert list(overrides_of(chancheng).values_list("date", flat=True)) == [date(2027, 1, 1)]


def test_one_districts_overrides_do_not_touch_anothers_calendar(chancheng, hetang, adam):
    override_set(district=chancheng, date=date(2027, 1, 4), is_workday=False, note="台风停工", actor=adam)
    assert calendar_for(hetang).is_workday(date(2027, 1, 4))
    assert not calendar_for(chancheng).is_workday(date(2027, 1, 4))
    assert not overrides_of(hetang).exists()


def test_the_2026_notice_entered_as_overrides_agrees_with_the_library_on_every_day(chancheng, adam):
    result = arrangement_import(
        district=chancheng,
        year=2026,
        holidays=NOTICE_2026_HOLIDAYS,
        workdays=NOTICE_2026_WORKDAYS,
        note="国务院办公厅2025年11月4日通知",
        actor=adam,
    )
    assert (result.created, result.changed, result.unchanged) == (33 + 6, 0, 0)
    entered = dict(overrides_of(chancheng, year=2026).values_list("date", "is_workday"))
    day = date(2026, 1, 1)
    while day.year == 2026:
        assert entered.get(day, day.weekday() < 5) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_importing_the_same_arrangement_twice_changes_nothing(chancheng, adam):
    kwargs = dict(district=chancheng, year=2026, holidays=NOTICE_2026_HOLIDAYS, workdays=NOTICE_2026_WORKDAYS)
    arrangement_import(note="国务院办公厅2025年11月4日通知", actor=adam, **kwargs)
    again = arrangement_import(note="国务院办公厅2025年11月4日通知", actor=adam, **kwargs)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 39)
    assert AuditRecord.objects.filter(action="calendar.arrangement_imported").count() == 2


def test_a_2027_arrangement_moves_a_deadline_started_in_december_2026(chancheng, adam):
    # Hypothetical: the 2027 notice is not published yet. Before it, only the statutory Fri 1 Jan is off;
    # a notice that bridges to Mon 4 Jan (with a Saturday make-up day) moves the deadline.
    assert calendar_for(chancheng).add_working_days(date(2026, 12, 10), 20) == date(2027, 1, 8)
    arrangement_import(
        district=chancheng,
        year=2027,
        holidays=[(date(2027, 1, 1), date(2027, 1, 4))],
        workdays=[date(2027, 1, 9)],
        note="2027 arrangement",
        actor=adam,
    )
    assert calendar_for(chancheng).add_working_days(date(2026, 12, 10), 20) == date(2027, 1, 9)


@pytest.mark.parametrize(
    "holidays,workdays,code",
    [
        ([(date(2027, 2, 10), date(2027, 2, 5))], [], "bad_range"),
        ([(date(2027, 1, 1), date(2027, 3, 1))], [], "range_too_long"),
        ([(date(2027, 2, 5), date(2027, 2, 11))], [date(2027, 2, 6)], "day_both_ways"),
        ([(date(2028, 1, 1), date(2028, 1, 1))], [], "outside_year"),
        ([], [], "empty_arrangement"),
    ],
)
def test_a_bad_arrangement_changes_nothing(chancheng, adam, holidays, workdays, code):
    override_set(district=chancheng, date=date(2027, 5, 1), is_workday=False, note="劳动节", actor=adam)
    with pytest.raises(DomainError) as error:
        arrangement_import(
            district=chancheng, year=2027, holidays=holidays, workdays=workdays, note="notice", actor=adam
        )
    assert error.value.code == code
    assert overrides_of(chancheng).count() == 1


def test_a_new_years_break_may_start_in_the_previous_december(chancheng, adam):
    # As in the 2019 notice: 30 Dec 2018 – 1 Jan 2019 off, Saturday 29 Dec 2018 a working day.
    result = arrangement_import(
        district=chancheng,
        year=2019,
        holidays=[(date(2018, 12, 30), date(2019, 1, 1))],
        workdays=[date(2018, 12, 29)],
        note="国务院办公厅2019年节假日安排",
        actor=adam,
    )
    assert result.created == 4


def test_only_an_admin_imports_an_arrangement(chancheng, alice):
    with pytest.raises(Forbidden):
        arrangement_import(
            district=chancheng,
            year=2027,
            holidays=[(date(2027, 1, 1), date(2027, 1, 1))],
            workdays=[],
            note="notice",
            actor=alice,
        )
