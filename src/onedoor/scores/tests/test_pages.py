"""The scores pages: the ranked table, its XLSX, a unit's trend; who may open them."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from onedoor.scores.rollup import scores_refresh

OCT = {"from": "2025-10-01", "to": "2025-10-31"}


@pytest.fixture
def refreshed(october):
    scores_refresh(district=october.district)
    return october


def test_the_table_ranks_the_windows_with_every_metric(client, refreshed, sam):
    client.force_login(sam)
    response = client.get(reverse("scores-table"), {"unit": "window", **OCT})
    assert response.status_code == 200
    body = response.content.decode()
    rows = body.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert [("· 01" in r and "行政服务中心" in r, "祖庙街道" in r) for r in rows] == [
        (True, False),
        (False, False),
        (False, True),
    ]
    assert "72.2" in rows[0] and "47.5" in rows[1] and "43.8" in rows[2]
    assert 'id="weights"' in body


def test_the_xlsx_opens_and_holds_the_table(client, refreshed, sam):
    client.force_login(sam)
    response = client.get(reverse("scores-table"), {"unit": "officer", "format": "xlsx", **OCT})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('scores-officer-20251001-20251031.xlsx"')
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and r[0] in ("Rank", "排名"))
    table = rows[header + 1 :]
    assert [(r[0], r[1]) for r in table] == [(1, "alice"), (2, "olivia"), (3, "amy")]
    assert table[0][2] == pytest.approx(89.29, abs=0.01)
    assert table[2][3] == 2  # amy concluded two cases
    assert table[2][4] == pytest.approx(0.5)  # on-time rate, as a fraction formatted as a percentage


def test_the_trend_page_draws_the_chart_from_the_months(client, refreshed, sam):
    client.force_login(sam)
    url = reverse("scores-trend", args=["department", refreshed.d1.pk])
    response = client.get(url, {"from": "2025-09-01", "to": "2025-11-30"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="trend-chart"' in body and "vendor/echarts.min.js" in body
    assert '"months": ["2025-09", "2025-10", "2025-11"]' in body
    assert '"composite": [null, 68.3, null]' in body


def test_a_window_generalist_is_refused(client, refreshed):
    client.force_login(refreshed.alice)
    assert client.get(reverse("scores-table")).status_code == 403


def test_another_districts_supervisor_cannot_open_a_unit(client, refreshed, hugo):
    client.force_login(hugo)
    assert client.get(reverse("scores-trend", args=["department", refreshed.d1.pk])).status_code == 404
    response = client.get(reverse("scores-table"), {"unit": "department", **OCT})
    assert refreshed.d1.name not in response.content.decode()


def test_an_analyst_opens_the_table_from_the_staff_home(client, anna):
    client.force_login(anna)
    assert 'id="scores-link"' in client.get(reverse("staff-home")).content.decode()
    assert client.get(reverse("scores-table"), {"unit": "centre"}).status_code == 200


def test_a_bad_period_says_why(client, sam):
    client.force_login(sam)
    response = client.get(reverse("scores-table"), {"from": "2025-10-05", "to": "2025-10-01"})
    assert response.status_code == 400
