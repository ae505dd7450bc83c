"""The case page through the test client: officers finish a promised case stage by stage, each form showing
only what the caller may do now; bad input is explained and changes nothing; a stale form is a conflict; the
receipt is a PDF; another district sees nothing."""

import pytest
from django.urls import reverse

from onedoor.cases.models import Case, Certificate, StageResult
from onedoor.staffdesk.tests.casework import (
    TRANSFER,
    accept,
    act,
    all_criteria,
    everything_received,
    item,
    register_at_desk,
)


@pytest.fixture
def transfer(demo_catalog):
    return item(demo_catalog, TRANSFER)


@pytest.fixture
def case(client, alice, transfer):
    client.force_login(alice)
    person = register_at_desk(client)
    response = accept(client, person, transfer, **everything_received(transfer, skip={"M01", "M05", "M07"}))
    assert response.status_code == 302
    client.logout()
    return Case.objects.get(person=person)


def _page(client, case, **headers) -> str:
    return client.get(reverse("staff-case", args=[case.number]), **headers).content.decode()


def _forms(page: str) -> set[str]:
    return {part.split('"', 1)[0] for part in page.split('id="action-')[1:]}


def test_officer_and_approver_finish_the_case_through_the_case_page(client, case, olivia, arthur, transfer):
    criteria = all_criteria(transfer)
    client.force_login(olivia)
    assert _forms(_page(client, case)) >= {"undertake", "request_correction"}
    assert "approve" not in _forms(_page(client, case))
    assert act(client, case, "undertake", opinion="材料齐全", criteria=criteria).status_code == 302
    assert act(client, case, "review", opinion="同意", criteria=criteria).status_code == 302
    client.force_login(arthur)
    assert act(client, case, "approve", opinion="准予登记", criteria=criteria).status_code == 302
    response = act(client, case, "complete", opinion="发证")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "completed"
    certificate = Certificate.objects.get(case=case)
    page = _page(client, case, HTTP_ACCEPT_LANGUAGE="en")
    trail = page.split('id="case-trail"', 1)[1]
    for step in ("Accepted", "Undertaken", "Reviewed", "Approved", "Completed"):
        assert step in trail
    assert "准予登记" in page and "olivia" in trail and "arthur" in trail
    assert reverse("certificate-verify", args=[certificate.public_id]) in page
    result = StageResult.objects.get(case=case, stage="undertake")
    assert result.officer == olivia and all(result.criteria.values())


def test_the_stage_form_records_unticked_criteria_as_not_met(client, case, olivia, transfer):
    client.force_login(olivia)
    ticked = [c for c in all_criteria(transfer) if c != "M02-1"]
    act(client, case, "undertake", opinion="缺一项", criteria=ticked)
    findings = StageResult.objects.get(case=case, stage="undertake").criteria
    assert findings["M02-1"] is False and sum(findings.values()) == len(findings) - 1
    assert "M01-1" not in findings  # the identity card was on file: not judged again


def test_approving_against_the_criteria_is_explained_and_changes_nothing(
    client, case, olivia, arthur, transfer
):
    client.force_login(olivia)
    act(client, case, "undertake", criteria=all_criteria(transfer))
    act(client, case, "review", criteria=all_criteria(transfer))
    client.force_login(arthur)
    response = act(client, case, "approve", criteria=[], HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    error = response.content.decode().split('id="case-error"', 1)[1]
    assert "written reason" in error
    case.refresh_from_db()
    assert case.status == "approve"


def test_a_rejection_without_legal_basis_is_refused(client, case, olivia, arthur, transfer):
    client.force_login(olivia)
    act(client, case, "undertake", criteria=all_criteria(transfer))
    act(client, case, "review", criteria=all_criteria(transfer))
    client.force_login(arthur)
    response = act(client, case, "reject", reason="权属不清", criteria=[], HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "legal basis" in response.content.decode()
    response = act(
        client, case, "reject", reason="权属不清", basis="《不动产登记暂行条例》第二十二条", criteria=[]
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "rejected"


def test_a_correction_lists_the_missing_materials_and_stops_the_clock(client, case, olivia):
    client.force_login(olivia)
    response = act(client, case, "request_correction", reason="合同页缺签名", materials=["M04"])
    assert response.status_code == 302
    page = _page(client, case, HTTP_ACCEPT_LANGUAGE="en")
    assert "Clock stops" in page and "合同页缺签名" in page
    assert "clock stopped" in page
    assert "supply" in _forms(page)


def test_a_stale_form_is_a_conflict(client, case, olivia, transfer):
    client.force_login(olivia)
    stale = case.revision
    act(client, case, "undertake", criteria=all_criteria(transfer))
    response = client.post(
        reverse("staff-case-act", args=[case.number]),
        {"action": "review", "revision": stale, "criteria": all_criteria(transfer)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    assert "Someone else changed this case" in response.content.decode()


def test_an_action_the_role_may_not_take_is_refused(client, case, arthur):
    client.force_login(arthur)
    response = act(client, case, "undertake", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert 'id="case-error"' in response.content.decode()


def test_the_receipt_is_a_pdf(client, case, alice):
    client.force_login(alice)
    response = client.get(reverse("staff-case-receipt", args=[case.number]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"


def test_another_districts_staff_get_404_on_the_case_page_and_receipt(client, case, bob):
    client.force_login(bob)
    assert client.get(reverse("staff-case", args=[case.number])).status_code == 404
    assert client.get(reverse("staff-case-receipt", args=[case.number])).status_code == 404
    assert act(client, case, "withdraw", reason="x").status_code == 404


def test_the_case_page_masks_the_applicant(client, case, alice):
    client.force_login(alice)
    page = _page(client, case)
    assert case.applicant_number not in page
    assert "林**" in page


def test_a_deviating_approval_waits_on_the_named_second_approvers_page_and_queue(
    client, case, olivia, arthur, chloe, transfer
):
    criteria = all_criteria(transfer)
    client.force_login(olivia)
    act(client, case, "undertake", criteria=criteria)
    act(client, case, "review", criteria=criteria)
    client.force_login(arthur)
    response = act(
        client, case, "approve", criteria=[], reason="要点不全但原件已补验", second_approver="chloe"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "confirm"
    page = _page(client, case, HTTP_ACCEPT_LANGUAGE="en")
    assert "takes effect only when chloe confirms it" in page and "要点不全但原件已补验" in page
    assert not {"confirm", "overrule"} & _forms(page)  # not for the approver who decided
    client.force_login(chloe)
    queue = client.get(reverse("staff-queue")).content.decode()
    assert case.number in queue.split('id="to-confirm"', 1)[1]
    assert {"confirm", "overrule"} <= _forms(_page(client, case))
    assert act(client, case, "confirm", opinion="同意").status_code == 302
    case.refresh_from_db()
    assert case.status == "complete"


def test_only_materials_actually_held_are_judged_so_approval_needs_no_deviation(
    client, case, olivia, arthur, transfer
):
    """The optional 结婚证 (M05) and 委托书 (M07) were not provided and the ID card (M01) was on file: their
    criteria are neither shown nor needed for an approval consistent with the criteria."""
    held = [
        c["id"]
        for m in transfer["materials"]
        if m["code"] in ("M02", "M03", "M04", "M06")
        for c in m["criteria"]
    ]
    client.force_login(olivia)
    page = _page(client, case)
    undertake = page.split('id="action-undertake"', 1)[1].split("</details>", 1)[0]
    assert (
        'value="M02-1"' in undertake and 'value="M05-1"' not in undertake and 'value="M01-1"' not in undertake
    )
    act(client, case, "undertake", criteria=held)
    act(client, case, "review", criteria=held)
    client.force_login(arthur)
    assert act(client, case, "approve", opinion="准予", criteria=held).status_code == 302
    assert StageResult.objects.get(case=case, stage="approve").deviation_reason == ""
