"""The pure rules: metrics from summed counters, the composite with its weights, missing data, ranking."""

from pytest import approx

from onedoor.scores import rules


def totals(**values):
    return {c: values.get(c, 0) for c in rules.COUNTERS}


def test_the_default_weights_add_up_to_100_and_are_acceptable():
    assert sum(rules.DEFAULT_WEIGHTS.values()) == 100
    assert rules.weights_problem(dict(rules.DEFAULT_WEIGHTS)) is None


def test_weights_that_do_not_add_up_to_100_are_refused():
    weights = dict(rules.DEFAULT_WEIGHTS, on_time=31)
    assert "101" in rules.weights_problem(weights)


def test_a_negative_or_missing_weight_is_refused():
    assert rules.weights_problem(dict(rules.DEFAULT_WEIGHTS, on_time=-1, instant=41)) is not None
    partial = dict(rules.DEFAULT_WEIGHTS)
    del partial["instant"]
    assert rules.weights_problem(partial) is not None


def test_a_metric_without_a_denominator_has_no_value():
    m = rules.metrics(totals(complaints=2))
    assert m.on_time_rate is None and m.rating_average is None and m.reply_on_time_rate is None
    assert m.complaints == 2 and m.overdue == 0


def test_the_composite_leaves_out_components_without_data_and_rescales_the_rest():
    m = rules.metrics(totals(concluded=4, on_time=3, instant=2))
    # on time 75 (weight 30), instant 50 (weight 10); nothing else has data
    assert rules.composite(m, rules.DEFAULT_WEIGHTS) == approx((30 * 75 + 10 * 50) / 40)


def test_a_unit_with_no_data_in_a_weighted_component_has_no_composite():
    m = rules.metrics(totals(complaints=3))
    assert rules.composite(m, rules.DEFAULT_WEIGHTS) is None
    weights = dict.fromkeys(rules.COMPONENTS, 0) | {"satisfaction": 100}
    assert rules.composite(rules.metrics(totals(concluded=1, on_time=1)), weights) is None


def test_five_point_averages_map_1_to_0_and_5_to_100():
    weights = dict.fromkeys(rules.COMPONENTS, 0) | {"satisfaction": 100}
    assert rules.composite(rules.metrics(totals(ratings=2, rating_sum=10)), weights) == 100
    assert rules.composite(rules.metrics(totals(ratings=2, rating_sum=2, ratings_bad=2)), weights) == 0
    assert rules.composite(rules.metrics(totals(ratings=1, rating_sum=3)), weights) == 50


def test_processing_time_is_averaged_over_concluded_cases():
    m = rules.metrics(totals(concluded=2, processing_seconds=7200, processing_days=3))
    assert (m.avg_processing_hours, m.avg_processing_days) == (1.0, 1.5)


def test_ranking_shares_ranks_on_ties_and_puts_units_without_a_composite_last():
    good = rules.metrics(totals(concluded=2, on_time=2))
    busier_good = rules.metrics(totals(concluded=5, on_time=5))
    worse = rules.metrics(totals(concluded=2, on_time=1))
    empty = rules.metrics(totals(complaints=1))
    ranked = rules.rank([(1, good), (2, empty), (3, worse), (4, busier_good)], rules.DEFAULT_WEIGHTS)
    assert [(r.unit_id, r.rank) for r in ranked] == [(4, 1), (1, 1), (3, 3), (2, 0)]
