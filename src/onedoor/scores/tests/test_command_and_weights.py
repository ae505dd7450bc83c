"""`onedoor scores refresh|rebuild` and the district's weights."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from onedoor.scores import rules
from onedoor.scores.models import ScoreWeights, UnitDay
from onedoor.scores.selectors import scores_table


def run(*args):
    out = StringIO()
    call_command("scores", *args, stdout=out)
    return out.getvalue()


def test_the_command_refreshes_and_rebuilds_a_district(october):
    assert "day(s) recomputed" in run("refresh", "--district", october.district.code)
    before = sorted(UnitDay.objects.values_list("day", "kind", "unit_id", "concluded", "ratings"))
    UnitDay.objects.all().delete()
    assert "rebuilt" in run("rebuild", "--district", october.district.code, "--from", "2025-10-01")
    assert sorted(UnitDay.objects.values_list("day", "kind", "unit_id", "concluded", "ratings")) == before


def test_the_command_refuses_a_bad_day(october):
    with pytest.raises(CommandError):
        run("rebuild", "--from", "10/01/2025")


def test_weights_must_add_up_to_100(chancheng):
    weights = ScoreWeights(district=chancheng, on_time=50)
    with pytest.raises(ValidationError):
        weights.full_clean()
    ScoreWeights(district=chancheng, **(rules.DEFAULT_WEIGHTS | {"on_time": 20, "instant": 20})).full_clean()


def test_the_districts_weights_change_the_composite(october, sam):
    from onedoor.scores.rollup import scores_refresh

    scores_refresh(district=october.district)
    only_on_time = dict.fromkeys(rules.COMPONENTS, 0) | {"on_time": 100}
    ScoreWeights.objects.create(district=october.district, **only_on_time)
    table = scores_table(staff=sam, kind="window", start=date(2025, 10, 1), end=date(2025, 10, 31))
    assert [(r.unit_id, r.composite) for r in table.rows] == [
        (october.w1.pk, 100.0),
        (october.w3.pk, 100.0),
        (october.w2.pk, 0.0),
    ]
    assert [r.rank for r in table.rows] == [1, 1, 3]


def _weights_form(**overrides):
    return {name: str(value) for name, value in (rules.DEFAULT_WEIGHTS | overrides).items()}


def test_a_district_admin_sets_the_weights_in_the_admin_and_a_bad_total_is_refused(client, adam, hana):
    client.force_login(adam)
    url = "/admin/scores/scoreweights/add/"
    refused = client.post(url, _weights_form(on_time=35))
    assert refused.status_code == 200 and ScoreWeights.objects.count() == 0
    assert client.post(url, _weights_form(on_time=20, instant=20)).status_code == 302
    (saved,) = ScoreWeights.objects.all()
    assert (saved.district_id, saved.on_time, saved.instant) == (adam.district_id, 20, 20)
    client.force_login(hana)
    assert client.get(f"/admin/scores/scoreweights/{saved.pk}/change/").status_code in (302, 404)


def test_the_watermark_stops_short_of_rows_written_in_the_last_minutes(demo_catalog, alice, zhang, sam):
    from datetime import timedelta

    from onedoor.cases.models import TrailEntry
    from onedoor.core import clock
    from onedoor.ratings.tests.helpers import concluded_case
    from onedoor.scores.models import ScoresWatermark
    from onedoor.scores.rollup import scores_refresh

    case = concluded_case(alice, zhang, demo_catalog)
    newest = TrailEntry.objects.filter(case=case).order_by("-id").values_list("id", flat=True).first()
    scores_refresh(district=case.district)
    assert ScoresWatermark.objects.get(district=case.district).trail_id < newest  # read again next time
    scores_refresh(district=case.district, now=clock.now() + timedelta(minutes=6))
    assert ScoresWatermark.objects.get(district=case.district).trail_id == newest
