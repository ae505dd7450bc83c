"""The scores API: a unit kind's table and one unit's period with its months, scoped like the pages."""

import pytest

from onedoor.scores.rollup import scores_refresh

OCT = {"start": "2025-10-01", "end": "2025-10-31"}


@pytest.fixture
def refreshed(october):
    scores_refresh(district=october.district)
    return october


def test_the_table_of_departments_ranks_them_with_their_metrics(client, refreshed, sam, bearer):
    response = client.get("/api/v1/scores/department", OCT, **bearer(sam))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["weights"]["on_time"] == 30
    first, second = body["rows"]
    assert (first["unit_id"], first["rank"], second["unit_id"], second["rank"]) == (
        refreshed.d1.pk, 1, refreshed.d2.pk, 2,
    )  # fmt: skip
    assert first["composite"] == pytest.approx(68.3333, abs=1e-3)
    assert first["metrics"]["on_time_rate"] == pytest.approx(2 / 3)
    assert second["metrics"]["reply_quality"] is None


def test_one_officer_for_a_period_with_its_months(client, refreshed, sam, bearer):
    url = f"/api/v1/scores/officer/{refreshed.amy.pk}"
    response = client.get(url, {"start": "2025-09-01", "end": "2025-10-31"}, **bearer(sam))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["label"] == "amy"
    assert body["composite"] == pytest.approx(40.625)
    assert body["metrics"]["avg_processing_hours"] == pytest.approx(120.0)
    assert [m["month"] for m in body["months"]] == ["2025-09-01", "2025-10-01"]
    assert body["months"][0]["composite"] is None


def test_a_window_generalist_is_refused(client, refreshed, bearer):
    assert client.get("/api/v1/scores/window", **bearer(refreshed.alice)).status_code == 403


def test_another_districts_unit_is_not_found(client, refreshed, hugo, bearer):
    response = client.get(f"/api/v1/scores/department/{refreshed.d1.pk}", **bearer(hugo))
    assert response.status_code == 404
    assert client.get("/api/v1/scores/department", OCT, **bearer(hugo)).json()["rows"] == []


def test_a_bad_kind_period_or_id_is_refused(client, sam, bearer):
    assert client.get("/api/v1/scores/street", **bearer(sam)).status_code == 422
    bad = {"start": "2025-10-05", "end": "2025-10-01"}
    assert client.get("/api/v1/scores/window", bad, **bearer(sam)).status_code == 400
    assert client.get(f"/api/v1/scores/window/{2**63}", **bearer(sam)).status_code == 422
