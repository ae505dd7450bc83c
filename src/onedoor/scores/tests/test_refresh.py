"""The refresh takes in what the real services write, with no hook in them."""

from onedoor.ratings.tests.helpers import concluded_case
from onedoor.scores.models import UnitDay
from onedoor.scores.rollup import scores_rebuild, scores_refresh
from onedoor.scores.selectors import scores_table


def test_a_case_concluded_at_the_window_is_counted_at_the_next_refresh(demo_catalog, alice, zhang, sam):
    case = concluded_case(alice, zhang, demo_catalog)
    assert scores_table(staff=sam, kind="officer").rows == []
    scores_refresh(district=case.district)
    (row,) = scores_table(staff=sam, kind="officer").rows
    assert (row.unit_id, row.metrics.concluded, row.metrics.instant_share) == (alice.pk, 1, 1.0)
    (window,) = scores_table(staff=sam, kind="window").rows
    assert window.unit_id == case.window_id


def test_a_second_refresh_with_nothing_new_changes_nothing(demo_catalog, alice, zhang, sam):
    case = concluded_case(alice, zhang, demo_catalog)
    scores_refresh(district=case.district)
    before = list(UnitDay.objects.values_list("kind", "unit_id", "day", "concluded"))
    scores_refresh(district=case.district)
    assert list(UnitDay.objects.values_list("kind", "unit_id", "day", "concluded")) == before
    scores_rebuild(district=case.district)
    assert sorted(UnitDay.objects.values_list("kind", "unit_id", "day", "concluded")) == sorted(before)
