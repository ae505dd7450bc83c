"""The refresh takes in complaints, replies, reviews and ratings written by their own services and APIs."""

from onedoor.complaints.models import RoutingRule
from onedoor.complaints.tests.helpers import GOOD_REPLY, file_online, post, supervisor
from onedoor.ratings.tests import helpers as ratings
from onedoor.scores.rollup import scores_rebuild, scores_refresh
from onedoor.scores.selectors import scores_table

from .test_hand_computed import _rollup


def test_a_complaint_replied_and_scored_and_a_bad_rating_are_counted(
    client, bearer, demo_catalog, chancheng, zhang, olivia, alice
):
    sam = supervisor(chancheng)
    dept = chancheng.test_department
    RoutingRule.objects.create(district=chancheng, department=dept)
    complaint = file_online(client, zhang).json()["id"]
    assert post(client, bearer, olivia, f"/{complaint}/reply", text=GOOD_REPLY).status_code == 200
    scores_refresh(district=chancheng)
    (row,) = [r for r in scores_table(staff=sam, kind="department").rows if r.unit_id == dept.pk]
    assert (row.metrics.complaints, row.metrics.replies, row.metrics.reply_on_time_rate) == (1, 1, 1.0)
    assert row.metrics.reply_quality is None
    assert post(client, bearer, sam, f"/{complaint}/review", score=4, reasons=["answered"]).status_code == 200
    ticket = ratings.served_visit(alice)
    secret = ratings.pad_for(alice)
    assert (
        ratings.rate_visit(client, secret, ticket, 1, tags=["poor_attitude"], comment="态度冷淡").status_code
        == 201
    )
    scores_refresh(district=chancheng)
    (officer,) = [r for r in scores_table(staff=sam, kind="officer").rows if r.unit_id == alice.pk]
    assert (officer.metrics.ratings, officer.metrics.bad_share) == (1, 1.0)
    (author,) = [r for r in scores_table(staff=sam, kind="officer").rows if r.unit_id == olivia.pk]
    assert (author.metrics.replies, author.metrics.reply_quality) == (1, 4.0)
    incremental = _rollup(chancheng)
    scores_rebuild(district=chancheng)
    assert _rollup(chancheng) == incremental
