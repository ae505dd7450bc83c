"""Routing-rule resolution and the time rules without a database."""

from __future__ import annotations

from datetime import datetime

import pytest

from onedoor.complaints import rules
from onedoor.complaints.rules import Rule, resolve
from onedoor.core.calendar import SHANGHAI, WorkCalendar

RULES = [
    Rule(1, None, "", 100),  # the district's default
    Rule(2, None, "fees", 200),  # every complaint about fees
    Rule(3, 7, "", 300),  # everything about item 7
    Rule(4, 7, "fees", 400),  # fees of item 7
]


def test_the_most_specific_rule_wins():
    assert resolve(RULES, 7, "fees") == rules.Route(400, "rule", 4)
    assert resolve(RULES, 7, "attitude") == rules.Route(300, "rule", 3)
    assert resolve(RULES, 8, "fees") == rules.Route(200, "rule", 2)
    assert resolve(RULES, None, "fees") == rules.Route(200, "rule", 2)


def test_a_linked_department_comes_before_the_default_and_the_default_before_nobody():
    assert resolve(RULES, 8, "attitude", [None, 55]) == rules.Route(55, "linked")
    assert resolve(RULES, 8, "attitude") == rules.Route(100, "default", 1)
    assert resolve(RULES[1:], 8, "attitude") == rules.Route(None, "none")
    assert resolve([], None, "other") == rules.Route(None, "none")


def test_the_transitions_allow_what_the_state_table_says():
    assert rules.allowed(rules.RECEIVED) == ["assign"]
    assert rules.allowed(rules.ASSIGNED) == ["assign", "reply"]
    assert rules.allowed(rules.REPLIED) == ["return", "review"]
    assert rules.allowed(rules.REVIEWED) == ["close", "reopen"]
    assert rules.allowed(rules.CLOSED) == ["reopen"]
    with pytest.raises(ValueError):
        rules.target("reply", rules.CLOSED)


def test_the_deadline_before_national_day_skips_the_holiday_and_counts_the_makeup_saturday():
    calendar = WorkCalendar()
    received = datetime(2025, 9, 30, 16, 30, tzinfo=SHANGHAI)  # Tuesday, the working day before 1 October
    due, escalation = rules.deadlines(calendar, received, rules.DEFAULT_DAYS[rules.CONSULTATION])
    # 1–8 Oct are rest days; 9 Oct is the 1st working day, 10 Oct the 2nd, Saturday 11 Oct (调休) the 3rd
    assert due == datetime(2025, 10, 11, 23, 59, 59, 999999, tzinfo=SHANGHAI)
    assert escalation == calendar.add_working_days(received, 9)
