"""Back-ends report stage results by signed callbacks: applied through the same case services (same table,
rules and trail, role `backend`), once per id, in sequence order per case (an early one is held); a bad
signature, a stale timestamp or an unknown system is refused and logged and changes nothing."""

import json
import time

import pytest

from onedoor.cases.models import StageResult, TrailEntry
from onedoor.cases.services import case_accept
from onedoor.districts.services import backend_system_register
from onedoor.integrations.delivery import signature
from onedoor.integrations.log import log_verify
from onedoor.integrations.models import InboundCallback, LogEntry
from onedoor.integrations.services import connector_configure, route_set
from onedoor.people import idnumbers
from onedoor.people import services as people_services

TRANSFER = "440604-BDC-002"  # undertake → review → approve → complete
SECRET = "the-bdc-systems-callback-secret"
URL = "/api/v1/integrations/BDC-SYS/callbacks"


@pytest.fixture
def connector(chancheng, adam, demo_catalog):
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    connector, _shown = connector_configure(
        system=system, base_url="http://127.0.0.1:9/events", secret=SECRET
    )
    route_set(connector=connector, decides=["undertake", "review", "approve", "complete"], actor=adam)
    return connector


@pytest.fixture
def case(connector, chancheng, alice, demo_catalog):
    body = "44060419750505123"
    person = people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="冯志强", actor=alice
    )
    item = next(i for i in demo_catalog if i["code"] == TRANSFER)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    return case_accept(staff=alice, item_code=TRANSFER, applicant=person.id_number, materials=materials).case


@pytest.fixture
def criteria(demo_catalog):
    item = next(i for i in demo_catalog if i["code"] == TRANSFER)
    return {c["id"]: True for m in item["materials"] for c in m["criteria"]}


def _send(client, data, *, secret=SECRET, timestamp=None, url=URL):
    body = json.dumps(data, ensure_ascii=False).encode()
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return client.post(
        url,
        body,
        content_type="application/json",
        HTTP_X_ONEDOOR_TIMESTAMP=ts,
        HTTP_X_ONEDOOR_SIGNATURE=signature(secret, ts, body),
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _cb(case, seq, action, **extra):
    return {"id": f"cb-{seq}-{action}", "case": case.number, "sequence": seq, "action": action, **extra}


def test_a_back_end_moves_the_case_through_the_same_services(client, connector, case, criteria):
    response = _send(client, _cb(case, 1, "undertake", opinion="材料齐全", criteria=criteria))
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "applied", "case_status": "review", "applied": ["cb-1-undertake"]}
    entry = TrailEntry.objects.filter(case=case).order_by("-seq").first()
    assert (entry.action, entry.role, entry.actor_label, entry.actor) == (
        "undertake",
        "backend",
        "system:BDC-SYS",
        None,
    )
    result = StageResult.objects.get(case=case, stage="undertake")
    assert result.officer is None and result.decided_by == "system:BDC-SYS" and result.opinion == "材料齐全"
    assert LogEntry.objects.filter(connector=connector, direction="in", status="applied").count() == 1
    assert log_verify(connector) == []


def test_a_duplicate_is_applied_once(client, connector, case, criteria):
    first = _send(client, _cb(case, 1, "undertake", criteria=criteria))
    again = _send(client, _cb(case, 1, "undertake", criteria=criteria))
    assert first.status_code == again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert TrailEntry.objects.filter(case=case, action="undertake").count() == 1


def test_an_early_callback_is_held_then_applied_in_order(client, connector, case, criteria):
    early = _send(client, _cb(case, 2, "review", criteria=criteria))
    assert early.status_code == 202 and early.json()["status"] == "held"
    case.refresh_from_db()
    assert case.status == "undertake"
    response = _send(client, _cb(case, 1, "undertake", criteria=criteria))
    assert response.json() == {
        "status": "applied",
        "case_status": "approve",
        "applied": ["cb-1-undertake", "cb-2-review"],
    }
    actions = list(TrailEntry.objects.filter(case=case).order_by("seq").values_list("action", flat=True))
    assert actions == ["accept", "undertake", "review"]
    stale = _send(client, {**_cb(case, 1, "review", criteria=criteria), "id": "another-id"})
    assert stale.status_code == 409


@pytest.mark.parametrize(
    "tamper",
    [
        {"secret": "not-the-shared-secret-at-all"},
        {"timestamp": int(time.time()) - 301},
        {"url": "/api/v1/integrations/NO-SUCH-SYS/callbacks"},
    ],
    ids=["bad signature", "stale timestamp", "unknown system"],
)
def test_forged_stale_or_unknown_callbacks_are_refused_and_change_nothing(
    client, connector, case, criteria, tamper
):
    response = _send(client, _cb(case, 1, "undertake", criteria=criteria), **tamper)
    assert response.status_code == (404 if "url" in tamper else 403)
    case.refresh_from_db()
    assert case.status == "undertake" and not InboundCallback.objects.exists()
    if "url" not in tamper:
        assert LogEntry.objects.get(connector=connector, direction="in").status == "refused"


def test_a_refused_action_is_logged_and_leaves_the_sequence_open(client, connector, case, criteria):
    wrong = _send(client, _cb(case, 1, "approve", criteria=criteria))  # the case is at undertake
    assert wrong.status_code == 409
    assert LogEntry.objects.get(connector=connector, direction="in").status == "rejected"
    fixed = _send(client, _cb(case, 1, "undertake", criteria=criteria))
    assert fixed.status_code == 200 and fixed.json()["case_status"] == "review"


def test_a_stage_the_system_does_not_decide_is_refused(client, adam, connector, case, criteria):
    route_set(connector=connector, decides=["approve"], actor=adam)
    response = _send(client, _cb(case, 1, "undertake", criteria=criteria))
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "undertake"
