"""Two refreshes of one district at once (two workers) on PostgreSQL: one waits or skips, nothing counts twice."""

import threading

import pytest
from django.db import connection

from onedoor.scores.models import UnitDay
from onedoor.scores.rollup import scores_rebuild, scores_refresh

pytestmark = pytest.mark.django_db(transaction=True)


def _rollup():
    return sorted(UnitDay.objects.values_list("day", "kind", "unit_id", "concluded", "replies", "ratings"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.parametrize("wait", [True, False])
def test_two_refreshes_at_once_give_what_a_rebuild_gives(october, wait):
    barrier, errors = threading.Barrier(2), []

    def refresh():
        try:
            barrier.wait()
            scores_refresh(district=october.district, wait=wait)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=refresh) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    once = _rollup()
    scores_rebuild(district=october.district)
    assert _rollup() == once and len(once) > 20
