"""The scores of the October 2025 fixture (tests/conftest.py) against figures computed by hand."""

from datetime import date

import pytest
from pytest import approx

from onedoor.scores.models import ScoreFact, UnitDay
from onedoor.scores.rollup import scores_rebuild, scores_refresh
from onedoor.scores.selectors import scores_table, scores_trend

OCT = {"start": date(2025, 10, 1), "end": date(2025, 10, 31)}

# unit → (concluded, on-time rate, instant share, avg hours, avg working days, overdue, complaints, replies,
#         reply on-time rate, reply quality, ratings, rating average, bad share, rectifications due,
#         rectification on-time rate, composite)
D1 = (3, 2 / 3, 1 / 3, 779_400 / 3 / 3600, 7 / 3, 1, 2, 2, 0.5, 3.0, 3, 4.0, 0.0, 1, 1.0, 6833.3333 / 100)
D2 = (1, 1.0, 0.0, 72.0, 3.0, 0, 0, 1, 1.0, None, 1, 2.0, 1.0, 1, 0.0, 50.0)
EXPECTED = {
    "department": {"d1": D1, "d2": D2},
    "centre": {"c1": D1, "c2": D2},
    "window": {
        "w1": (2, 1.0, 0.5, 174_600 / 2 / 3600, 1.0, 0, 1, 1, 0.0, 2.0, 2, 4.5, 0.0, 0, None, 6500 / 90),
        "w2": (1, 0.0, 0.0, 168.0, 5.0, 1, 1, 1, 1.0, 4.0, 1, 3.0, 0.0, 1, 1.0, 47.5),
        "w3": (1, 1.0, 0.0, 72.0, 3.0, 0, 0, 0, None, None, 1, 2.0, 1.0, 1, 0.0, 43.75),
    },
    "officer": {
        "alice": (2, 1.0, 0.5, 174_600 / 2 / 3600, 1.0, 0, 1, 0, None, None, 2, 4.5, 0.0, 0, None, 6250 / 70),
        "amy": (2, 0.5, 0.0, 120.0, 4.0, 1, 1, 0, None, None, 2, 2.5, 0.5, 2, 0.5, 40.625),
        "olivia": (0, None, None, None, None, 0, 0, 3, 2 / 3, 3.0, 0, None, None, 0, None, 350 / 6),
    },
}
RANKS = {
    "department": ["d1", "d2"],
    "centre": ["c1", "c2"],
    "window": ["w1", "w2", "w3"],
    "officer": ["alice", "olivia", "amy"],
}


def figures(row):
    m = row.metrics
    return (
        m.concluded,
        m.on_time_rate,
        m.instant_share,
        m.avg_processing_hours,
        m.avg_processing_days,
        m.overdue,
        m.complaints,
        m.replies,
        m.reply_on_time_rate,
        m.reply_quality,
        m.ratings,
        m.rating_average,
        m.bad_share,
        m.rectifications_due,
        m.rectification_on_time_rate,
        row.composite,
    )


def _same(got, expected):
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert (g is None and e is None) or g == approx(e, abs=1e-4), (got, expected)


def unit_id(october, name):
    return getattr(october, name).pk


@pytest.mark.parametrize("kind", ["department", "centre", "window", "officer"])
def test_every_metric_and_the_composite_match_the_hand_computed_figures(october, sam, kind):
    scores_refresh(district=october.district)
    table = scores_table(staff=sam, kind=kind, **OCT)
    by_id = {row.unit_id: row for row in table.rows}
    for name, expected in EXPECTED[kind].items():
        _same(figures(by_id[unit_id(october, name)]), expected)
    assert [row.unit_id for row in table.rows] == [unit_id(october, n) for n in RANKS[kind]]
    assert [row.rank for row in table.rows] == list(range(1, len(RANKS[kind]) + 1))


def test_a_refresh_after_each_change_gives_what_a_rebuild_gives(october, sam):
    scores_refresh(district=october.district)
    incremental = _rollup(october.district)
    facts = _facts(october)
    scores_rebuild(district=october.district)
    assert _rollup(october.district) == incremental
    assert _facts(october) == facts
    assert len(incremental) > 20


def test_a_rebuild_of_some_days_leaves_the_other_days_as_they_were(october, sam):
    scores_rebuild(district=october.district)
    whole = _rollup(october.district)
    UnitDay.objects.filter(day=date(2025, 10, 17)).delete()
    scores_rebuild(district=october.district, start=date(2025, 10, 17), end=date(2025, 10, 17))
    assert _rollup(october.district) == whole


def test_a_later_change_moves_the_count_instead_of_adding_one(october, sam):
    """An appeal upheld later sets g4 aside: its rating and rectification leave D2's figures."""
    from onedoor.ratings.models import Rating, RectificationStep

    scores_refresh(district=october.district)
    g4 = Rating.objects.get(case=october.c4_case)
    Rating.objects.filter(pk=g4.pk).update(excluded=True)
    RectificationStep.objects.create(
        district=october.district,
        rectification=g4.rectification,
        at=g4.rated_at,
        actor_label="sam",
        action="appeal_uphold",
        to_status="closed",
    )
    scores_refresh(district=october.district)
    d2 = next(r for r in scores_table(staff=sam, kind="department", **OCT).rows if r.unit_id == october.d2.pk)
    assert (d2.metrics.ratings, d2.metrics.rectifications_due) == (0, 0)
    incremental = _rollup(october.district)
    scores_rebuild(district=october.district)
    assert _rollup(october.district) == incremental


def test_the_trend_gives_each_month_with_its_figures(october, sam):
    scores_refresh(district=october.district)
    trend = scores_trend(
        staff=sam, kind="department", unit_id=october.d1.pk, start=date(2025, 9, 1), end=date(2025, 11, 30)
    )
    assert [m.month for m in trend.months] == [date(2025, 9, 1), date(2025, 10, 1), date(2025, 11, 1)]
    assert trend.months[0].composite is None and trend.months[2].composite is None
    assert trend.months[1].composite == approx(D1[-1], abs=1e-4)
    assert trend.months[1].metrics.concluded == 3


def _rollup(district):
    return sorted(
        UnitDay.objects.filter(district=district).values_list(
            "day",
            "kind",
            "unit_id",
            *[
                f.name
                for f in UnitDay._meta.fields
                if f.name not in ("id", "district", "day", "kind", "unit_id")
            ],
        )
    )


def _facts(october):
    return sorted(
        ScoreFact.objects.filter(district=october.district).values_list(
            *[f.name for f in ScoreFact._meta.fields if f.name not in ("id",)]
        )
    )
