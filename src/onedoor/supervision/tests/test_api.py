"""The supervision API: a case's trace and the accountability report, with the pages' access rules."""

from onedoor.core.clock import frozen_at
from onedoor.supervision.tests.conftest import act_at, at


def test_a_supervisor_gets_a_cases_trace(late_case, sam, client, bearer):
    with frozen_at(at(10, 17, 11, 2)):
        response = client.get(f"/api/v1/supervision/trace/cases/{late_case.number}", **bearer(sam))
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["used_days"], body["allowed_days"], body["delay_days"]) == (9, 3, 6)
    review = [s for s in body["segments"] if s["status"] == "review"]
    assert [(s["held_by"], s["days"], s["overrun_days"]) for s in review] == [
        ("olivia", 1, 1),
        ("olivia", 3, 3),
    ]
    assert {s["stage"]: s["overrun_days"] for s in body["stages"]}["approve"] == 3


def test_the_trace_is_refused_outside_the_case_department_and_district(
    late_case, alice, hugo, client, bearer
):
    url = f"/api/v1/supervision/trace/cases/{late_case.number}"
    assert client.get(url, **bearer(alice)).json()["code"] == "trace_not_allowed"
    assert client.get(url, **bearer(hugo)).status_code == 404


def test_the_accountability_report_for_a_period(late_case, sam, arthur, client, bearer):
    act_at(at(10, 17, 11, 5), arthur, late_case, "complete")
    url = "/api/v1/supervision/trace/accountability?start=2025-10-01&end=2025-10-31"
    body = client.get(url, **bearer(sam)).json()
    assert body["totals"]["delayed"] == 1 and body["totals"]["delay_days"] == 6
    assert body["delayed"][0]["attributed"][-1] == {
        "stage": "approve",
        "officer": "arthur",
        "overrun_days": 3,
    }
    bad = client.get(
        "/api/v1/supervision/trace/accountability?start=2025-10-31&end=2025-10-01", **bearer(sam)
    )
    assert bad.status_code == 400 and bad.json()["code"] == "bad_period"


def test_a_period_outside_the_years_of_cases_is_refused(sam, client, bearer):
    url = "/api/v1/supervision/trace/accountability?start=9999-12-30&end=9999-12-31"
    response = client.get(url, **bearer(sam))
    assert response.status_code == 400 and response.json()["code"] == "bad_period"
