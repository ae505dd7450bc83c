"""The rest of the case's paths through the pages, as staff use them: accept with gaps (容缺受理) with its
notice on the receipt and the later material supplied from the case page; a suspension for a special
procedure and its end; an extension within the legal limit by the approver; a withdrawal at the window."""

import pytest
from django.urls import reverse

from onedoor.cases.models import Case, ClockStop, TrailEntry
from onedoor.catalog.models import Material
from onedoor.documents.tests import pdfcheck
from onedoor.people.models import VerifiedRecord
from onedoor.staffdesk.tests.casework import (
    TRANSFER,
    accept,
    act,
    all_criteria,
    everything_received,
    item,
    register_at_desk,
)

GAPS_ITEM = "440604-MZ-008"  # promised in 5 working days; one material may be supplied later


def _page(client, case) -> str:
    return client.get(reverse("staff-case", args=[case.number]), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def _forms(page: str) -> set[str]:
    return {part.split('"', 1)[0] for part in page.split('id="action-')[1:]}


@pytest.fixture
def transfer_case(client, alice, demo_catalog):
    transfer = item(demo_catalog, TRANSFER)
    client.force_login(alice)
    person = register_at_desk(client)
    accept(client, person, transfer, **everything_received(transfer, skip={"M01", "M05", "M07"}))
    client.logout()
    return Case.objects.get(person=person), transfer


def test_accepting_with_gaps_gives_a_notice_and_the_window_records_the_later_material(
    client, alice, demo_catalog
):
    gaps_item = item(demo_catalog, GAPS_ITEM)
    later = [m for m in gaps_item["materials"] if m["necessity"] == "later"]
    # let the later material be an original the window can check in hand, so that it settles
    Material.objects.filter(version__item__code=GAPS_ITEM, code__in=[m["code"] for m in later]).update(
        form="original", record_type="income_statement"
    )
    client.force_login(alice)
    person = register_at_desk(client)
    response = accept(
        client,
        person,
        gaps_item,
        mode="with_gaps",
        **everything_received(gaps_item, skip={m["code"] for m in later}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get(person=person)
    assert case.mode == "with_gaps" and case.gaps_deadline is not None and case.gaps_deadline <= case.deadline
    assert {m.code for m in case.materials.filter(status="later")} == {m["code"] for m in later}

    receipt = pdfcheck.text(client.get(reverse("staff-case-receipt", args=[case.number])).content)
    assert "容缺受理" in receipt and later[0]["name"] in receipt
    assert f"{case.gaps_deadline:%Y}" in receipt

    page = _page(client, case)
    assert "Later materials due" in page and "supply_gap" in _forms(page)
    response = act(client, case, "supply_gap", materials=[m["code"] for m in later])
    assert response.status_code == 400  # its criteria are checked when it arrives, as at acceptance
    assert case.materials.filter(status="later").count() == len(later)
    assert all(f'id="original-{m["code"]}"' in page for m in later)  # "I checked the original in hand"
    checked = [c["id"] for m in later for c in m["criteria"]]
    codes = [m["code"] for m in later]
    response = act(client, case, "supply_gap", materials=codes, criteria=checked, originals=codes)
    assert response.status_code == 302
    assert VerifiedRecord.objects.filter(
        record_type="income_statement", source_ref=case.number, trust_level="B"
    ).count() == len(later)
    assert all(all(m.criteria.values()) for m in case.materials.filter(status="supplied"))
    assert not case.materials.filter(status="later").exists()
    assert TrailEntry.objects.filter(case=case, action="supply_gap", actor=alice).exists()


def test_a_suspension_stops_the_clock_with_a_reason_and_resuming_restarts_it(client, olivia, transfer_case):
    case, transfer = transfer_case
    client.force_login(olivia)
    act(client, case, "undertake", criteria=all_criteria(transfer))
    response = act(client, case, "suspend", reason="", procedure="testing")
    assert response.status_code == 400  # a suspension needs its reason
    response = act(client, case, "suspend", reason="需测绘机构出具测绘报告")
    assert response.status_code == 400  # and the special procedure that stops the clock
    assert "special procedure" in response.content.decode() or "特别程序" in response.content.decode()
    response = act(client, case, "suspend", reason="现场查勘：需测绘机构出具测绘报告", procedure="testing")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "suspended" and case.clock_stopped_at is not None
    assert case.clock_stops.get().procedure == "testing"
    page = _page(client, case)
    assert "现场查勘" in page and "resume" in _forms(page) and "review" not in _forms(page)
    assert "检验、检测、检疫" in page

    assert act(client, case, "resume").status_code == 302
    case.refresh_from_db()
    assert case.status == "review" and case.clock_stopped_at is None
    stop = ClockStop.objects.get(case=case)
    assert stop.ended_at is not None and "测绘" in stop.reason


def test_the_approver_extends_within_the_legal_limit_only(client, olivia, arthur, transfer_case):
    case, transfer = transfer_case
    client.force_login(olivia)
    act(client, case, "undertake", criteria=all_criteria(transfer))
    assert "extend" not in _forms(_page(client, case))  # an undertaker may not extend
    client.force_login(arthur)
    page = _page(client, case)
    assert "extend" in _forms(page)
    available = case.legal_days - case.promised_days
    too_many = act(client, case, "extend", days=available + 1, reason="需补充调查", HTTP_ACCEPT_LANGUAGE="en")
    assert too_many.status_code == 400
    before = Case.objects.get(pk=case.pk).deadline
    assert act(client, case, "extend", days=1, reason="需补充调查").status_code == 302
    case.refresh_from_db()
    assert case.extension_days == 1 and case.deadline > before
    assert "extended by 1 working day" in _page(client, case)


def test_the_window_records_a_withdrawal_and_the_case_closes(client, alice, olivia, transfer_case):
    case, _transfer = transfer_case
    client.force_login(olivia)
    assert "withdraw" not in _forms(_page(client, case))  # only the window takes a withdrawal
    client.force_login(alice)
    assert act(client, case, "withdraw", reason="申请人书面申请撤回").status_code == 302
    case.refresh_from_db()
    assert case.status == "withdrawn" and case.closed_at is not None
    page = _page(client, case)
    assert "申请人书面申请撤回" in page and _forms(page) == set()
