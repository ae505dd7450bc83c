"""The accountability report on a small hand-computed fixture (October 2025, BDC, promised 3 working days:
budgets accept 0, undertake 2, review 0, approve 1, complete 0).

late case   accepted Thu 25 Sep; review 1 day before and 3 after the correction stop (all over its 0-day
            share), approve 4 days (3 over): closed Fri 17 Oct after 9 counted days, 6 late. The review
            entry of 13 Oct is corrected to rita, so its overrun is hers.
on time     accepted Mon 13 Oct, closed Wed 15 Oct: 2 days, no overrun.
open        accepted Thu 9 Oct, undertaken Fri 10 Oct, in review since: 7 days by Mon 20 Oct, all over.
"""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from onedoor.conftest import PASSWORD
from onedoor.core.clock import frozen_at
from onedoor.districts import services
from onedoor.districts.models import Role
from onedoor.supervision.accountability import accountability_report
from onedoor.supervision.corrections import trail_correct
from onedoor.supervision.models import CaseTrace, StageSpan
from onedoor.supervision.rollup import trace_refresh
from onedoor.supervision.tests.conftest import accept_at, act_at, at, findings

NOW = at(10, 20, 12)


@pytest.fixture
def october(late_case, bdc_item, alice, olivia, arthur, applicant, sam, chancheng):
    rita = services.staff_create(
        district=chancheng,
        username="rita",
        password=PASSWORD,
        roles=[(Role.REVIEWER, chancheng.test_department)],
    )
    act_at(at(10, 17, 11, 5), arthur, late_case, "complete")
    with frozen_at(at(10, 18, 9)):
        trail_correct(
            case=late_case,
            entry_seq=5,
            staff=sam,
            reason="实为 rita 审核",
            corrected_fields={"actor": "rita"},
        )
    on_time = accept_at(at(10, 13, 10), alice, bdc_item, applicant)
    act_at(at(10, 14, 9), olivia, on_time, "undertake", criteria=findings(bdc_item))
    act_at(at(10, 14, 15), olivia, on_time, "review", criteria=findings(bdc_item))
    act_at(at(10, 15, 10), arthur, on_time, "approve", criteria=findings(bdc_item))
    act_at(at(10, 15, 10, 30), arthur, on_time, "complete")
    still_open = accept_at(at(10, 9, 10), alice, bdc_item, applicant)
    act_at(at(10, 10, 10), olivia, still_open, "undertake", criteria=findings(bdc_item))
    return {"late": late_case, "on_time": on_time, "open": still_open, "rita": rita}


def test_the_report_attributes_delays_to_the_department_officer_and_stage(october, sam):
    report = accountability_report(staff=sam, start=at(10, 1, 0).date(), end=at(10, 31, 0).date(), now=NOW)
    assert report.totals == {
        "closed": 2,
        "delayed": 1,
        "delay_days": 6,
        "spans": 8,
        "overruns": 2,
        "overrun_days": 6,
        "corrections": 1,
    }
    assert [r["department"] for r in report.departments] == ["不动产登记中心"]
    officers = {r["officer_label"]: (r["spans"], r["overruns"], r["overrun_days"]) for r in report.officers}
    assert officers == {"rita": (1, 1, 3), "arthur": (4, 1, 3), "olivia": (3, 0, 0)}
    stages = {r["stage"]: (r["spans"], r["overruns"], r["overrun_days"]) for r in report.stages}
    assert stages == {
        "undertake": (2, 0, 0),
        "review": (2, 1, 3),
        "approve": (2, 1, 3),
        "complete": (2, 0, 0),
    }
    (delayed,) = report.delayed
    assert delayed["case__number"] == october["late"].number
    assert (delayed["used_days"], delayed["allowed_days"], delayed["delay_days"]) == (9, 3, 6)
    assert [(o["stage"], o["officer_label"], o["overrun_days"]) for o in delayed["overruns"]] == [
        ("review", "olivia", 1),
        ("review", "rita", 3),
        ("approve", "arthur", 3),
    ]
    (still,) = report.open_overruns
    assert (still["case__number"], still["stage"], still["days"], still["overrun_days"]) == (
        october["open"].number,
        "review",
        7,
        7,
    )
    assert [(c["corrected_seq"], c["corrected_by__username"]) for c in report.corrections] == [(5, "sam")]


def test_september_sees_only_what_finished_then(october, sam):
    report = accountability_report(staff=sam, start=at(9, 1, 0).date(), end=at(9, 30, 0).date(), now=NOW)
    assert report.totals["closed"] == 0 and report.totals["spans"] == 2  # undertake, first review
    assert report.totals["overrun_days"] == 1


def test_the_rollup_is_incremental(october, sam, chancheng):
    assert trace_refresh(district=chancheng, now=NOW) == 3
    assert trace_refresh(district=chancheng, now=NOW) == 0  # nothing new, and open cases done today
    assert trace_refresh(district=chancheng, now=at(10, 21, 9)) == 1  # the open case's days grew
    assert CaseTrace.objects.filter(district=chancheng).count() == 3
    assert StageSpan.objects.get(case=october["open"], left_at__isnull=True).days == 8


def test_the_page_and_the_xlsx_show_the_same_totals(october, sam, client):
    client.force_login(sam)
    with frozen_at(NOW):
        page = client.get(reverse("supervision-accountability"), {"from": "2025-10-01", "to": "2025-10-31"})
        assert page.status_code == 200
        html = page.content.decode()
        assert october["late"].number in html and "rita" in html
        xlsx = client.get(
            reverse("supervision-accountability"),
            {"from": "2025-10-01", "to": "2025-10-31", "format": "xlsx"},
        )
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(xlsx.content)).worksheets[0]
    total = [row for row in sheet.iter_rows(values_only=True) if row and row[0] in ("Total", "合计")][0]
    assert list(total[1:]) == [2, 1, 6, 8, 2, 6, 1]


def test_only_supervisors_and_department_heads_see_the_report(october, alice, olivia, arthur, hugo, client):
    url = reverse("supervision-accountability")
    client.force_login(alice)
    assert client.get(url).status_code == 403
    client.force_login(olivia)
    assert client.get(url).status_code == 403
    client.force_login(arthur)  # the department's approver: their department only
    assert client.get(url, {"from": "2025-10-01", "to": "2025-10-31"}).status_code == 200
    report = accountability_report(staff=hugo, start=at(10, 1, 0).date(), end=at(10, 31, 0).date(), now=NOW)
    assert report.totals["closed"] == 0 and report.departments == []


def test_the_refresh_command_reports_each_district(october, hetang):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("supervision", "refresh", stdout=out)
    assert "440604: 3 cases recomputed" in out.getvalue() and "440699: 0 cases recomputed" in out.getvalue()
