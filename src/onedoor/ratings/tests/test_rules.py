"""The rating rules without a database: bands, what a rating may hold, and the rectification's deadlines on
the working-day calendar (around the 2025 National Day holiday)."""

from __future__ import annotations

from datetime import datetime

import pytest

from onedoor.core.calendar import SHANGHAI, WorkCalendar
from onedoor.ratings import rules


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def test_levels_fall_into_three_bands():
    assert [rules.band(level) for level in (5, 4, 3, 2, 1)] == ["good", "good", "middle", "bad", "bad"]
    assert [rules.is_bad(level) for level in (5, 4, 3, 2, 1)] == [False, False, False, True, True]


@pytest.mark.parametrize("level", [0, 6, -1])
def test_a_level_outside_one_to_five_is_refused(level):
    with pytest.raises(ValueError):
        rules.band(level)
    assert rules.check("window", level, {}, [], "").code == "bad_level"


def test_each_channel_has_the_sub_scores_of_its_standard():
    assert list(rules.SUB_SCORES["window"]) == ["overall", "efficiency", "service_level", "attitude"]
    assert list(rules.SUB_SCORES["online"]) == [
        "overall",
        "efficiency",
        "guide_accuracy",
        "convenience",
        "usability",
    ]
    assert rules.check("window", 4, {"usability": 4}, [], "").code == "bad_sub_score"
    assert rules.check("online", 4, {"usability": 6}, [], "").code == "bad_sub_score"
    assert rules.check("online", 4, {"usability": 2, "overall": 4}, [], "") is None
    assert rules.check("online", 4, {"overall": 5}, [], "").code == "overall_is_the_level"


def test_tags_must_belong_to_the_level_band():
    assert rules.check("window", 5, {}, ["fast"], "") is None
    assert rules.check("window", 5, {}, ["poor_attitude"], "").code == "bad_tag"
    assert rules.check("window", 1, {}, ["poor_attitude", "poor_attitude"], "").code == "bad_tag"


def test_a_bad_rating_says_why_with_a_tag_or_a_comment():
    assert rules.check("window", 2, {}, [], "  ").code == "say_why"
    assert rules.check("window", 2, {}, ["waited_too_long"], "") is None
    assert rules.check("window", 1, {}, [], "等了两个小时") is None
    assert rules.check("window", 3, {}, [], "") is None


def test_deadlines_on_an_ordinary_working_day():
    # Wed 12 Mar 2025: contact by the end of Thu 13 Mar; 15 working days end Wed 2 Apr
    contact, fix = rules.deadlines(WorkCalendar(), at("2025-03-12 10:00"))
    assert contact == at("2025-03-13 23:59:59.999999")
    assert fix == at("2025-04-02 23:59:59.999999")


def test_deadlines_of_a_rating_made_the_working_day_before_national_day():
    # Tue 30 Sep 2025; 1–8 Oct are holidays; Sat 11 Oct is a make-up working day
    contact, fix = rules.deadlines(WorkCalendar(), at("2025-09-30 16:30"))
    assert contact == at("2025-10-09 23:59:59.999999")
    assert fix == at("2025-10-28 23:59:59.999999")


def test_a_district_override_moves_the_contact_deadline():
    calendar = WorkCalendar({datetime(2025, 3, 13).date(): False})  # the district rests on Thu 13 Mar
    contact, _fix = rules.deadlines(calendar, at("2025-03-12 10:00"))
    assert contact == at("2025-03-14 23:59:59.999999")


def test_the_workflow_table_allows_one_appeal_and_decides_only_a_pending_one():
    assert rules.allowed("open", "") == ["contact", "appeal"]
    assert rules.allowed("open", "pending") == ["contact", "decide_appeal"]
    assert rules.allowed("contacted", "rejected") == ["classify"]
    assert rules.allowed("classified", "") == ["close", "appeal"]
    assert rules.allowed("closed", "") == []
