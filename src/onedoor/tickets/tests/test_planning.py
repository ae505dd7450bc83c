"""Queue capacity planner: Erlang C against the closed form, waits, window sizing and pooled vs split queues.

Plain unit tests: no database, no Django fixtures.
"""

from __future__ import annotations

import math

import pytest

from onedoor.tickets.planning import (
    Comparison,
    Stream,
    compare,
    erlang_c,
    mean_wait_minutes,
    windows_for,
)


def closed_form_erlang_c(n: int, a: float) -> float:
    """Erlang C straight from the textbook formula, independent of the implementation's recursion."""
    waiting_term = a**n / math.factorial(n) * n / (n - a)
    return waiting_term / (sum(a**k / math.factorial(k) for k in range(n)) + waiting_term)


# --- erlang_c -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("load", [0.0, 0.1, 0.5, 0.75, 0.99])
def test_single_window_waits_with_probability_equal_to_utilisation(load):
    # M/M/1: an arrival waits exactly when the one window is busy, which happens a fraction ρ = A of the time.
    assert erlang_c(1, load) == pytest.approx(load, abs=1e-12)


def test_two_windows_at_one_erlang_wait_one_third_of_the_time():
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3, abs=1e-12)


def test_textbook_vector_ten_windows_eight_erlangs():
    expected = closed_form_erlang_c(10, 8.0)
    assert expected == pytest.approx(0.409, abs=5e-4)
    assert erlang_c(10, 8.0) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("n", "a"), [(1, 0.3), (3, 2.5), (5, 1.0), (20, 15.0), (40, 39.5), (60, 30.0)])
def test_matches_closed_form(n, a):
    assert erlang_c(n, a) == pytest.approx(closed_form_erlang_c(n, a), rel=1e-10)


def test_large_hall_does_not_overflow():
    # 500! and 450^500 overflow a float; the recursion must not. More windows at the same utilisation wait less.
    c = erlang_c(500, 450.0)
    assert 0.0 < c < 1.0
    assert c < erlang_c(50, 45.0)


@pytest.mark.parametrize(("n", "a"), [(1, 1.0), (1, 3.0), (4, 4.0), (4, 7.5)])
def test_unstable_load_means_everyone_waits(n, a):
    assert erlang_c(n, a) == 1.0


def test_no_load_means_nobody_waits():
    assert erlang_c(3, 0.0) == 0.0


def test_more_windows_wait_less():
    probabilities = [erlang_c(n, 5.0) for n in range(6, 15)]
    assert all(later < earlier for earlier, later in zip(probabilities, probabilities[1:], strict=False))


@pytest.mark.parametrize(("n", "a"), [(0, 0.5), (-1, 0.5), (2, -0.1)])
def test_erlang_c_rejects_bad_input(n, a):
    with pytest.raises(ValueError):
        erlang_c(n, a)


# --- mean_wait_minutes --------------------------------------------------------------------------------------


def test_mean_wait_twelve_an_hour_eight_minutes_two_windows():
    # μ = 60/8 = 7.5 per hour per window, A = 12/7.5 = 1.6; Wq = C(2, 1.6) / (2·7.5 − 12) hours.
    expected_minutes = closed_form_erlang_c(2, 1.6) / (2 * 7.5 - 12) * 60
    wait = mean_wait_minutes(12, 8, 2)
    assert wait == pytest.approx(expected_minutes, rel=1e-12)
    assert wait == pytest.approx(14.2, abs=0.05)


def test_mean_wait_single_window_is_the_mm1_formula():
    # M/M/1: Wq = ρ / (μ − λ). λ = 6/h, 5-minute service: μ = 12/h, ρ = 0.5, Wq = 0.5/6 h = 5 minutes.
    assert mean_wait_minutes(6, 5, 1) == pytest.approx(5.0, rel=1e-12)


def test_mean_wait_without_arrivals_is_zero():
    assert mean_wait_minutes(0, 8, 1) == 0.0


@pytest.mark.parametrize(("arrivals", "windows"), [(15, 2), (16, 2), (7.5, 1), (100, 3)])
def test_mean_wait_is_infinite_when_arrivals_reach_capacity(arrivals, windows):
    assert mean_wait_minutes(arrivals, 8, windows) == math.inf


def test_mean_wait_falls_as_windows_are_added():
    waits = [mean_wait_minutes(40, 10, n) for n in range(7, 15)]
    assert all(later < earlier for earlier, later in zip(waits, waits[1:], strict=False))


@pytest.mark.parametrize(
    ("arrivals", "service", "windows"),
    [(-1, 8, 2), (12, 0, 2), (12, -3, 2), (12, 8, 0)],
)
def test_mean_wait_rejects_bad_input(arrivals, service, windows):
    with pytest.raises(ValueError):
        mean_wait_minutes(arrivals, service, windows)


# --- windows_for --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arrivals", "service", "target"),
    [(12, 8, 5), (60, 8, 2), (60, 8, 0.5), (120, 12, 3), (5, 20, 10), (200, 6, 1)],
)
def test_windows_for_meets_target_and_one_fewer_does_not(arrivals, service, target):
    n = windows_for(arrivals, service, target)
    assert n is not None
    assert mean_wait_minutes(arrivals, service, n) <= target
    if n > 1:
        assert mean_wait_minutes(arrivals, service, n - 1) > target


def test_windows_for_known_answer():
    # 12/h with 8-minute service: 2 windows wait ≈14.2 minutes, 3 windows ≈1.9 minutes.
    assert windows_for(12, 8, 15) == 2
    assert windows_for(12, 8, 10) == 3
    assert windows_for(12, 8, 1) == 4


def test_windows_for_is_monotonic():
    # A stricter target never needs fewer windows; more arrivals never need fewer windows.
    by_target = [windows_for(60, 8, t) for t in (10, 5, 2, 1, 0.5, 0.1)]
    assert by_target == sorted(by_target)
    assert by_target[0] < by_target[-1]
    by_arrivals = [windows_for(lam, 8, 2) for lam in (10, 30, 60, 90, 120)]
    assert by_arrivals == sorted(by_arrivals)
    assert by_arrivals[0] < by_arrivals[-1]


def test_windows_for_needs_more_than_the_offered_load():
    # 60/h at 8 minutes is 8 erlangs: 8 windows is unstable, so even a generous target needs at least 9.
    assert windows_for(60, 8, 1000) == 9


def test_windows_for_without_arrivals_is_one():
    assert windows_for(0, 8, 0) == 1


def test_windows_for_gives_up_beyond_max_windows():
    assert windows_for(600, 8, 1, max_windows=50) is None
    assert windows_for(12, 8, 1, max_windows=3) is None
    assert windows_for(12, 8, 1, max_windows=4) == 4


@pytest.mark.parametrize(
    ("arrivals", "service", "target", "max_windows"),
    [(-1, 8, 5, 200), (12, 0, 5, 200), (12, 8, -1, 200), (12, 8, 5, 0)],
)
def test_windows_for_rejects_bad_input(arrivals, service, target, max_windows):
    with pytest.raises(ValueError):
        windows_for(arrivals, service, target, max_windows=max_windows)


# --- compare ------------------------------------------------------------------------------------------------

FIVE_EQUAL = [Stream(name, 12) for name in ("不动产", "社保", "医保", "公积金", "税务")]


def test_pooling_five_equal_departments_waits_far_less():
    result = compare(FIVE_EQUAL, 8, 10)
    assert isinstance(result, Comparison)
    assert result.pooled_windows == 10
    # Pooled: 60/h, A = 8 on 10 windows: Wq = C(10, 8) / (75 − 60) hours ≈ 1.6 minutes.
    assert result.pooled_wait == pytest.approx(closed_form_erlang_c(10, 8.0) / 15 * 60, rel=1e-12)
    # Split: each department 2 windows at 12/h, the ≈14.2-minute queue of the single-department example.
    assert [windows for _, windows, _ in result.split] == [2, 2, 2, 2, 2]
    for name, _, wait in result.split:
        assert wait == pytest.approx(mean_wait_minutes(12, 8, 2), rel=1e-12), name
    assert result.split_wait == pytest.approx(mean_wait_minutes(12, 8, 2), rel=1e-12)
    assert result.pooled_wait < result.split_wait / 5


@pytest.mark.parametrize(
    ("arrivals", "windows"),
    [
        ([12, 12, 12, 12, 12], 10),
        ([50, 30, 20], 7),
        ([95, 3, 2], 10),
        ([40, 0, 10, 5, 1], 9),
        ([1, 1, 1, 1], 4),
        ([33.3, 33.3, 33.4], 11),
        ([7, 3, 0, 0], 2),
    ],
)
def test_split_conserves_windows_and_serves_every_department_with_arrivals(arrivals, windows):
    streams = [Stream(f"d{i}", lam) for i, lam in enumerate(arrivals)]
    result = compare(streams, 8, windows)
    assert [name for name, _, _ in result.split] == [s.name for s in streams]
    assert sum(n for _, n, _ in result.split) == windows
    for stream, (_, n, wait) in zip(streams, result.split, strict=True):
        if stream.arrivals_per_hour > 0:
            assert n >= 1
        else:
            assert (n, wait) == (0, 0.0)


def test_split_is_largest_remainder():
    # Quotas 3.5, 2.1, 1.4: floors 3, 2, 1 and the last window goes to the largest remainder (0.5).
    result = compare([Stream("a", 50), Stream("b", 30), Stream("c", 20)], 8, 7)
    assert [n for _, n, _ in result.split] == [4, 2, 1]
    # Quotas 5.7, 2.8, 1.5: floors 5, 2, 1; the two spare windows go to the remainders .8 and .7, not .5.
    result = compare([Stream("a", 57), Stream("b", 28), Stream("c", 15)], 8, 10)
    assert [n for _, n, _ in result.split] == [6, 3, 1]
    # Quotas 5.6, 2.8, 1.6: remainders .8, then a tie at .6 that goes to the department with more arrivals.
    result = compare([Stream("a", 56), Stream("b", 28), Stream("c", 16)], 8, 10)
    assert [n for _, n, _ in result.split] == [6, 3, 1]
    result = compare([Stream("c", 16), Stream("b", 28), Stream("a", 56)], 8, 10)
    assert [n for _, n, _ in result.split] == [1, 3, 6]


def test_small_department_still_gets_a_window():
    # Quotas 9.5, 0.3, 0.2 would leave the two small departments without a window; each gets one instead.
    result = compare([Stream("big", 95), Stream("small", 3), Stream("tiny", 2)], 8, 10)
    assert [n for _, n, _ in result.split] == [8, 1, 1]


def test_idle_department_gets_no_window_and_no_wait():
    result = compare([Stream("busy", 12), Stream("idle", 0)], 8, 3)
    assert result.split == [("busy", 3, pytest.approx(mean_wait_minutes(12, 8, 3))), ("idle", 0, 0.0)]
    # Only the busy department has arrivals, so pooling changes nothing.
    assert result.split_wait == pytest.approx(result.pooled_wait, rel=1e-12)


def test_split_wait_is_arrival_weighted():
    result = compare([Stream("a", 30), Stream("b", 6)], 8, 6)
    (_, na, wa), (_, nb, wb) = result.split
    assert (na, nb) == (5, 1)
    assert result.split_wait == pytest.approx((30 * wa + 6 * wb) / 36, rel=1e-12)
    assert result.split_wait != pytest.approx((wa + wb) / 2)


def test_split_wait_is_infinite_when_a_split_queue_is_unstable():
    # 1 window for 8/h at 8 minutes (capacity 7.5/h) is overloaded, though the pooled hall copes.
    result = compare([Stream("a", 40), Stream("b", 8)], 8, 8)
    assert [n for _, n, _ in result.split] == [7, 1]
    assert result.split[1][2] == math.inf
    assert result.split_wait == math.inf
    assert math.isfinite(result.pooled_wait)


def test_compare_rejects_more_departments_than_windows():
    with pytest.raises(ValueError):
        compare(FIVE_EQUAL, 8, 4)


def test_compare_counts_only_departments_with_arrivals_against_the_windows():
    # Five departments, but only two have arrivals: two windows suffice.
    streams = [Stream("a", 5), Stream("b", 5), Stream("c", 0), Stream("d", 0), Stream("e", 0)]
    assert [n for _, n, _ in compare(streams, 8, 2).split] == [1, 1, 0, 0, 0]


@pytest.mark.parametrize(
    ("streams", "service", "windows"),
    [
        ([Stream("a", 12)], 0, 2),
        ([Stream("a", 12)], 8, 0),
        ([Stream("a", -1)], 8, 2),
        ([Stream("a", 0), Stream("b", 0)], 8, 2),
        ([], 8, 2),
    ],
)
def test_compare_rejects_bad_input(streams, service, windows):
    with pytest.raises(ValueError):
        compare(streams, service, windows)
