"""Who sees the scores: supervisors and analysts of the district; not another district, not a window."""

from datetime import date

import pytest

from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.scores.selectors import scores_table, scores_trend


def test_an_analyst_sees_the_table(anna, chancheng):
    assert scores_table(staff=anna, kind="centre").rows == []


def test_a_window_generalist_is_refused(alice):
    with pytest.raises(Forbidden):
        scores_table(staff=alice, kind="department")


def test_another_districts_supervisor_sees_only_their_own(october, hugo):
    from onedoor.scores.rollup import scores_refresh

    scores_refresh(district=october.district)
    table = scores_table(staff=hugo, kind="department", start=date(2025, 10, 1), end=date(2025, 10, 31))
    assert table.rows == []
    with pytest.raises(NotFound):
        scores_trend(staff=hugo, kind="department", unit_id=october.d1.pk)


def test_a_bad_kind_or_period_is_refused(sam):
    with pytest.raises(DomainError):
        scores_table(staff=sam, kind="street")
    with pytest.raises(DomainError):
        scores_table(staff=sam, kind="window", start=date(2025, 10, 2), end=date(2025, 10, 1))
