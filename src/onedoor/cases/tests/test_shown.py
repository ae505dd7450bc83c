"""The stored answer of a case (shown.py): after acceptance and after every action, GET /cases/{number} answers
exactly what the case's tables say; a case written before the stored answer existed reads the same and
`onedoor cases fill-shown` stores it; the caller's part (status label, allowed actions) follows the caller."""

import json
import uuid

import pytest
from django.core.management import call_command

from onedoor.cases import selectors, shown
from onedoor.cases.actions import roles_in
from onedoor.cases.models import Case
from onedoor.cases.tests.test_api import BODY17, _body, _post
from onedoor.people import idnumbers
from onedoor.people import services as people_services

GAPS_ITEM = "440604-MZ-008"  # promised in 5 working days; one material may be supplied later


@pytest.fixture
def number(chancheng, alice):
    number = BODY17 + idnumbers.resident_check_char(BODY17)
    people_services.person_register(district=chancheng, id_number=number, name="黄志华", actor=alice)
    return number


def _from_tables(case_number: str, staff) -> dict:
    """The answer built from the case's rows now, as a case without a stored answer is read."""
    case = Case.objects.get(number=case_number)
    stored = selectors.stored_answer(case.pk)
    return json.loads(shown.answer(stored, status=case.status, roles=roles_in(staff, case.department_id)))


def _get(client, bearer, staff, case_number, **headers):
    response = client.get(f"/api/v1/cases/{case_number}", **bearer(staff), **headers)
    assert response.status_code == 200, response.content
    return response.json()


def _act(client, bearer, staff, case_number, action, **fields):
    response = client.post(
        f"/api/v1/cases/{case_number}/actions",
        {"action": action, **fields},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
        **bearer(staff),
    )
    assert response.status_code == 200, response.json()
    return response.json()


def test_every_action_leaves_the_answer_the_tables_give(
    client, demo_catalog, alice, olivia, arthur, bearer, number
):
    item = next(
        i
        for i in demo_catalog
        if i["department"] == "BDC"
        and i["kind"] == "promised"
        and (not i["levels"] or "district" in i["levels"])
        and [s["code"] for s in i["stages"]][:4] == ["accept", "undertake", "review", "approve"]
    )
    created = _post(client, bearer(alice), _body(item, number))
    assert created.status_code == 201
    case_number = created.json()["number"]
    assert created.json() == _get(client, bearer, alice, case_number) == _from_tables(case_number, alice)
    findings = {c["id"]: True for m in item["materials"] for c in m["criteria"]}
    steps = [
        (olivia, "undertake", {"criteria": findings, "opinion": "材料齐全"}),
        (
            olivia,
            "request_correction",
            {"reason": "缺少共有人同意书", "materials": [item["materials"][0]["code"]]},
        ),
        (olivia, "supply", {}),
        (olivia, "suspend", {"reason": "需委托测绘机构检测", "procedure": "testing"}),
        (olivia, "resume", {}),
        (olivia, "review", {"criteria": findings, "opinion": "同意"}),
        (arthur, "approve", {"criteria": findings, "opinion": "准予"}),
    ]
    seen_statuses, revisions = [], [0]
    for staff, action, fields in steps:
        acted = _act(client, bearer, staff, case_number, action, **fields)
        read = _get(client, bearer, staff, case_number)
        assert acted == read == _from_tables(case_number, staff), action
        seen_statuses.append(read["status"])
        revisions.append(read["revision"])
    while read["status"] != "completed":
        staff = alice if read["status"] == "deliver" else arthur
        acted = _act(client, bearer, staff, case_number, read["status"])
        read = _get(client, bearer, staff, case_number)
        assert acted == read == _from_tables(case_number, staff)
    assert seen_statuses[:5] == ["review", "correction", "review", "suspended", "review"]
    assert revisions == list(range(len(steps) + 1))  # each action's answer is that action's, not an older one
    assert read["certificate_id"] and read["closed_at"] and read["revision"] >= len(steps)
    verified = client.get(f"/api/v1/certificates/{read['certificate_id']}/verify").json()
    assert verified["valid"] is True and verified["payload"]["case"] == case_number


def test_a_material_supplied_later_shows_in_the_answer(client, demo_catalog, alice, bearer, number):
    item = next(i for i in demo_catalog if i["code"] == GAPS_ITEM)
    body = _body(item, number, mode="with_gaps")
    body["materials"] = [
        m
        for m, spec in zip(body["materials"], item["materials"], strict=True)
        if spec["necessity"] != "later"
    ]
    created = _post(client, bearer(alice), body).json()
    later = [m["code"] for m in created["materials"] if m["status"] == "later"]
    assert later and created["gaps_deadline"]
    checked = {c["id"]: True for m in item["materials"] if m["code"] in later for c in m["criteria"]}
    supplied = _act(client, bearer, alice, created["number"], "supply_gap", materials=later, criteria=checked)
    assert {m["code"]: m["status"] for m in supplied["materials"]}[later[0]] == "supplied"
    assert (
        _get(client, bearer, alice, created["number"]) == supplied == _from_tables(created["number"], alice)
    )


def test_a_case_written_before_the_stored_answer_reads_the_same_and_the_command_fills_it(
    client, demo_catalog, alice, bearer, number
):
    item = next(i for i in demo_catalog if i["kind"] == "instant" and i["subject"] == "person")
    case_number = _post(client, bearer(alice), _body(item, number)).json()["number"]
    before = _get(client, bearer, alice, case_number)
    stored = Case.objects.get(number=case_number).shown
    Case.objects.filter(number=case_number).update(shown="")
    assert _get(client, bearer, alice, case_number) == before
    call_command("cases", "fill-shown", "--district", "440604")
    assert Case.objects.get(number=case_number).shown == stored
    assert _get(client, bearer, alice, case_number) == before


def test_the_callers_part_follows_the_caller(client, demo_catalog, alice, olivia, bearer, number):
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    case_number = _post(client, bearer(alice), _body(item, number)).json()["number"]
    chinese = _get(client, bearer, olivia, case_number, HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = _get(client, bearer, olivia, case_number, HTTP_ACCEPT_LANGUAGE="en")
    assert chinese["status_label"] != english["status_label"]
    assert "承办" in chinese["status_label"] and "undertaking" in english["status_label"]
    assert {k: v for k, v in chinese.items() if k != "status_label"} == {
        k: v for k, v in english.items() if k != "status_label"
    }
    assert "undertake" in english["allowed_actions"]
    by_window = _get(client, bearer, alice, case_number, HTTP_ACCEPT_LANGUAGE="en")
    assert "undertake" not in by_window["allowed_actions"] and "withdraw" in by_window["allowed_actions"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_unknown_number_is_a_localized_404(client, alice, bearer, language):
    response = client.get(
        "/api/v1/cases/440604-20260101-99999", **bearer(alice), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 404 and response.json()["code"] == "case_not_found"
    assert response.json()["message"]


def test_the_fill_goes_batch_by_batch_and_leaves_stored_answers_alone(
    client, demo_catalog, alice, bearer, number
):
    from onedoor.cases.shown_fill import shown_fill

    items = [i for i in demo_catalog if i["kind"] == "instant" and i["subject"] == "person"][:3]
    for n, item in enumerate(items):
        assert _post(client, bearer(alice), _body(item, number), key=f"fill-{n}").status_code == 201
    stored = dict(Case.objects.values_list("pk", "shown"))
    emptied = sorted(stored)[:2]
    Case.objects.filter(pk__in=emptied).update(shown="")
    batches = []
    assert shown_fill(batch=1, progress=batches.append) == 2
    assert batches == [1, 2]  # one case a batch; the case never emptied was not rewritten
    assert dict(Case.objects.values_list("pk", "shown")) == stored
