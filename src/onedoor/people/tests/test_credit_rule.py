"""The credit rule (credit-rule/1), pure: every threshold at its boundary, fading by age, the heavier false
commitment and its cap, and an upheld appeal taking its record out (docs/credit.md)."""

from datetime import UTC, datetime, timedelta

import pytest

from onedoor.people import credit_rule
from onedoor.people.credit_rule import RULE, Record, assess, factor, level_for, weight

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def rec(kind="bad", code="gaps_missed", *, days=0, false_promise=False, upheld=False, key=None):
    return Record(key, kind, code, false_promise, NOW - timedelta(days=days), upheld)


def good(n, days=0):
    return [rec("good", "commitment_kept", days=days) for _ in range(n)]


def test_a_holder_without_records_is_b_and_may_use_trust_first():
    result = assess([], NOW)
    assert (result.level, result.score, result.trusted, result.rule) == ("B", 0, True, RULE)


def test_three_good_records_make_a_and_two_do_not():
    assert assess(good(3), NOW).level == "A"
    assert assess(good(2), NOW).level == "B"


def test_a_needs_no_bad_record_counting_whatever_the_score():
    result = assess([*good(5), rec(code="gaps_missed")], NOW)
    assert result.score == 3 and result.level == "B"
    faded = assess([*good(3), rec(code="gaps_missed", days=credit_rule.WINDOW_DAYS)], NOW)
    assert faded.level == "A"  # a faded bad record no longer stands in the way


def test_a_missed_gap_deadline_alone_is_c_and_one_good_record_brings_it_back_to_b():
    alone = assess([rec(code="gaps_missed")], NOW)
    assert (alone.level, alone.score, alone.trusted) == ("C", -2, False)
    assert assess([rec(code="gaps_missed"), *good(1)], NOW).level == "B"  # −1 is the lowest B


@pytest.mark.parametrize(("score", "level"), [(-0.5, "B"), (-1, "B"), (-1.5, "C"), (-5.5, "C"), (-6, "D")])
def test_the_level_thresholds_at_their_boundaries(score, level):
    assert level_for(score, any_bad=True, false_commitment=False) == level


@pytest.mark.parametrize(("score", "level"), [(2.5, "B"), (3, "A"), (10, "A")])
def test_the_a_threshold_at_its_boundary(score, level):
    assert level_for(score, any_bad=False, false_commitment=False) == level


def test_a_record_weighs_fully_for_a_year_then_half_until_three_years_then_nothing():
    assert factor(rec(days=0), NOW) == 1
    assert factor(rec(days=364), NOW) == 1
    assert factor(rec(days=365), NOW) == 0.5
    assert factor(rec(days=3 * 365 - 1), NOW) == 0.5
    assert factor(rec(days=3 * 365), NOW) == 0
    assert factor(rec(days=-1), NOW) == 1  # dated after now (clock skew): fresh


def test_a_missed_gap_deadline_stops_refusing_trust_after_a_year_and_is_gone_after_three():
    assert assess([rec(code="gaps_missed", days=364)], NOW).level == "C"
    one_year = assess([rec(code="gaps_missed", days=365)], NOW)
    assert (one_year.level, one_year.score) == ("B", -1)
    gone = assess([rec(code="gaps_missed", days=3 * 365)], NOW)
    assert (gone.level, gone.score, gone.counted) == ("B", 0, ())


def test_the_weights_by_kind_and_reason():
    assert weight(rec(code="result_revoked")) == -3
    assert weight(rec(code="gaps_missed")) == -2
    assert weight(rec(code="something_else")) == -2
    assert weight(rec(code="result_revoked", false_promise=True)) == -6
    assert weight(rec("good", "gaps_supplied_on_time")) == 1
    assert weight(rec("good", "something_else")) == 1
    assert weight(rec("good", "commitment_kept", false_promise=True)) == 1  # the flag matters on bad records


def test_a_revoked_result_is_c_for_three_years():
    assert assess([rec(code="result_revoked")], NOW).level == "C"
    assert assess([rec(code="result_revoked", days=2 * 365)], NOW).score == -1.5
    assert assess([rec(code="result_revoked", days=2 * 365)], NOW).level == "C"
    assert assess([rec(code="result_revoked", days=3 * 365)], NOW).level == "B"


def test_a_false_commitment_alone_is_d_then_c_until_it_fades():
    fresh = assess([rec(code="result_revoked", false_promise=True)], NOW)
    assert (fresh.level, fresh.score, fresh.false_commitment) == ("D", -6, True)
    later = assess([rec(code="result_revoked", false_promise=True, days=400)], NOW)
    assert (later.level, later.score) == ("C", -3)
    repaired = assess([rec(code="result_revoked", false_promise=True, days=3 * 365)], NOW)
    assert (repaired.level, repaired.false_commitment) == ("B", False)


def test_good_records_do_not_lift_a_false_commitment_above_c():
    result = assess([rec(code="result_revoked", false_promise=True), *good(12)], NOW)
    assert result.score == 6 and result.level == "C" and not result.trusted


def test_bad_records_add_up_to_d():
    result = assess([rec(code="gaps_missed"), rec(code="gaps_missed"), rec(code="gaps_missed")], NOW)
    assert (result.score, result.level) == (-6, "D")
    assert assess([rec(code="gaps_missed")] * 2 + [rec(code="gaps_missed", days=400)], NOW).level == "C"


def test_an_upheld_appeal_takes_its_record_out_of_the_computation():
    appealed = rec(code="result_revoked", false_promise=True, upheld=True)
    result = assess([appealed], NOW)
    assert (result.level, result.score, result.counted, result.false_commitment) == ("B", 0, (), False)
    assert assess([appealed, rec(code="gaps_missed")], NOW).level == "C"  # the others still count


def test_the_records_behind_the_level_come_heaviest_bad_first_then_newest():
    older = rec(code="gaps_missed", days=10, key="older")
    newer = rec(code="gaps_missed", days=1, key="newer")
    heavy = rec(code="result_revoked", days=20, key="heavy")
    kept = rec("good", "commitment_kept", key="good")
    result = assess([older, kept, newer, heavy], NOW)
    assert [c.record.key for c in result.counted] == ["heavy", "newer", "older", "good"]
    assert [c.record.key for c in result.bad] == ["heavy", "newer", "older"]
