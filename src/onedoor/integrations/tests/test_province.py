"""The provincial online hall (省网上办事大厅): every change of every case reaches it through the outbox, signed
and in trail order; `onedoor integrations reconcile` compares a day on both sides — against the simulated hall
on loopback — names what differs and where the missing messages are, and `--resend` makes the hall catch up."""

import http.client
import json
import threading
import time
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from onedoor.cases.actions import case_act
from onedoor.cases.models import TrailEntry
from onedoor.cases.services import case_accept
from onedoor.core import clock
from onedoor.core.errors import DomainError
from onedoor.core.models import AuditRecord
from onedoor.districts.services import backend_system_register
from onedoor.integrations import delivery, reconcile
from onedoor.integrations.delivery import signature
from onedoor.integrations.importing import connectors_import
from onedoor.integrations.log import log_verify
from onedoor.integrations.models import Connector, LogEntry, OutboxMessage
from onedoor.integrations.services import connector_configure, route_set
from onedoor.integrations.simulator import Settings, Simulator, load_halls
from onedoor.people import idnumbers
from onedoor.people import services as people_services

TRANSFER = "440604-BDC-002"  # promised: accept → undertake → review → approve → complete
SECRET = "the-provincial-hall-shared-secret"


def test_the_comparison_names_each_kind_of_difference():
    ours = {
        "A": {"seqs": [1, 2], "status": "undertake"},
        "B": {"seqs": [1, 2, 3], "status": "review"},
        "C": {"seqs": [1], "status": "undertake"},
        "D": {"seqs": [4], "status": "completed"},
        "E": {"seqs": [1], "status": "undertake"},
    }
    theirs = {
        "A": {"seqs": [1, 2], "status": "undertake"},  # the same
        "B": {"seqs": [1, 3], "status": "review"},  # one change lost
        "D": {"seqs": [4], "status": "approve"},  # same changes, another status
        "E": {"seqs": [1, 2], "status": "review"},  # a change we have no record of
        "F": {"seqs": [1], "status": "undertake"},  # a case we do not know
    }
    found = {m.number: m for m in reconcile.compare(ours, theirs)}
    assert {n: m.kind for n, m in found.items()} == {
        "B": "changes_missing",
        "C": "missing",
        "D": "status_differs",
        "E": "unknown_here",
        "F": "unknown_here",
    }
    assert list(found["B"].missing) == [2] and list(found["C"].missing) == [1]


@pytest.fixture
def hall_server():
    simulator = Simulator(Settings(), {})
    server = simulator.serve("127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield simulator, server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def hall(chancheng, adam, hall_server):
    simulator, port = hall_server
    connector, shown = connector_configure(
        district=chancheng,
        kind="province",
        base_url=f"http://127.0.0.1:{port}/province/{chancheng.code}/cases",
        secret=SECRET,
        actor=adam,
    )
    assert shown == SECRET and connector.code == "PROVINCE"
    simulator.halls = load_halls()
    return simulator, connector


@pytest.fixture
def applicant(chancheng, alice):
    body = "44060419800303123"
    return people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="梁秀英", actor=alice
    )


def _accept(demo_catalog, alice, applicant):
    item = next(i for i in demo_catalog if i["code"] == TRANSFER)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    return case_accept(
        staff=alice, item_code=TRANSFER, applicant=applicant.id_number, materials=materials
    ).case


def _undertake(demo_catalog, olivia, case):
    """olivia undertakes the transfer, every criterion met."""
    item = next(i for i in demo_catalog if i["code"] == TRANSFER)
    findings = {c["id"]: True for m in item["materials"] for c in m["criteria"]}
    case_act(staff=olivia, number=case.number, action="undertake", opinion="受理无误", criteria=findings)


def _deliver_all():
    while delivery.deliver_due(limit=50):
        pass


def _today():
    return timezone.localdate(clock.now())


def test_every_change_of_a_case_reaches_the_hall_in_order_and_the_day_reconciles(
    hall, demo_catalog, alice, olivia, applicant
):
    simulator, connector = hall
    case = _accept(demo_catalog, alice, applicant)
    _undertake(demo_catalog, olivia, case)
    messages = list(OutboxMessage.objects.filter(connector=connector, case=case).order_by("sequence"))
    assert [(m.event, m.sequence, m.payload["case"]["status"]) for m in messages] == [
        ("status_changed", 1, "undertake"),
        ("status_changed", 2, "review"),
    ]
    _deliver_all()
    held = simulator.halls["440604"].cases[case.number]
    assert held == {1: (_today().isoformat(), "undertake"), 2: (_today().isoformat(), "review")}

    report = reconcile.reconcile(district=connector.district, day=_today())
    assert (report.compared, report.mismatches) == (1, [])
    # The question and its answer are in the hall's message log, which still verifies.
    assert LogEntry.objects.filter(connector=connector, kind="reconcile", status="received").count() == 1
    assert log_verify(connector) == []


def test_a_change_the_hall_lost_is_found_located_and_resent(
    hall, demo_catalog, alice, olivia, applicant, capsys
):
    simulator, connector = hall
    case = _accept(demo_catalog, alice, applicant)
    _deliver_all()
    simulator.settings.province_lose = 1.0  # the hall answers 200 and forgets
    _undertake(demo_catalog, olivia, case)
    _deliver_all()
    simulator.settings.province_lose = 0.0

    with pytest.raises(SystemExit) as exit_:
        call_command("integrations", "reconcile", district="440604", date=_today().isoformat())
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "1 case(s) compared, 0 match, 1 differ" in out
    assert f"{case.number}  changes_missing  ours review [1, 2]  hall undertake [1]" in out
    assert "missing: #2 delivered" in out  # OneDoor delivered it: the loss is on the hall's side

    call_command("integrations", "reconcile", district="440604", date=_today().isoformat(), resend=True)
    assert "1 change(s) queued again" in capsys.readouterr().out
    _deliver_all()
    call_command("integrations", "reconcile", district="440604", date=_today().isoformat(), json=True)
    assert json.loads(capsys.readouterr().out)["mismatches"] == []


def test_changes_from_before_the_hall_was_joined_are_queued_from_the_trail(
    chancheng, adam, hall_server, demo_catalog, alice, applicant
):
    case = _accept(demo_catalog, alice, applicant)  # no hall connected yet: nothing queued for it
    simulator, port = hall_server
    connector, _ = connector_configure(
        district=chancheng,
        kind="province",
        base_url=f"http://127.0.0.1:{port}/province/{chancheng.code}/cases",
        secret=SECRET,
        actor=adam,
    )
    simulator.halls = load_halls()
    assert not OutboxMessage.objects.filter(connector=connector).exists()
    report = reconcile.reconcile(district=chancheng, day=_today(), resend=True, actor=adam)
    [mismatch] = report.mismatches
    assert (mismatch.kind, mismatch.missing, report.resent) == ("missing", {1: "never_queued"}, 1)
    message = OutboxMessage.objects.get(connector=connector, case=case)
    assert message.payload["details"]["resent"] is True
    _deliver_all()
    assert reconcile.reconcile(district=chancheng, day=_today()).mismatches == []
    assert AuditRecord.objects.filter(district=chancheng, action="province.resent").exists()


def test_a_disabled_hall_is_told_nothing(hall, demo_catalog, alice, applicant):
    _simulator, connector = hall
    Connector.objects.filter(pk=connector.pk).update(enabled=False)
    case = _accept(demo_catalog, alice, applicant)
    assert not OutboxMessage.objects.filter(connector=connector, case=case).exists()


def test_a_hall_that_refuses_our_signature_is_reported_and_logged(hall, chancheng, adam):
    simulator, connector = hall
    simulator.halls["440604"].secret = "another-secret-than-ours!"
    with pytest.raises(DomainError) as error:
        reconcile.reconcile(district=chancheng, day=_today())
    assert error.value.code == "province_unreachable" and "HTTP 401" in str(error.value.message)
    assert LogEntry.objects.get(connector=connector, kind="reconcile").status == "failed"


def test_one_hall_per_district_without_a_system_or_routes(chancheng, adam, hall):
    _simulator, connector = hall
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    again, shown = connector_configure(
        district=chancheng, kind="province", base_url="https://hall.example.gov.cn/cases", actor=adam
    )
    assert again.pk == connector.pk and shown is None  # the same connector, its secret kept
    with pytest.raises(DomainError):
        connector_configure(system=system, kind="province", base_url="https://x.example/", actor=adam)
    with pytest.raises(DomainError):
        connector_configure(district=chancheng, kind="push", base_url="https://x.example/", actor=adam)
    with pytest.raises(DomainError):
        route_set(connector=connector, actor=adam)


def test_the_hall_is_configured_by_import(chancheng, adam, monkeypatch):
    monkeypatch.setenv("ONEDOOR_SECRET_PROVINCE", SECRET)
    data = {
        "format": "onedoor-connectors/1",
        "district": "440604",
        "connectors": [
            {
                "kind": "province",
                "base_url": "https://hall.example.gov.cn/cases",
                "secret_env": "ONEDOOR_SECRET_PROVINCE",
            }
        ],
    }
    assert connectors_import(district=chancheng, payload=json.dumps(data).encode(), actor=adam) == {
        "PROVINCE": None
    }
    assert Connector.objects.get(district=chancheng, kind="province").system is None
    data["connectors"][0]["routes"] = [{"item": None, "decides": []}]
    with translation.override("en"), pytest.raises(DomainError) as error:
        connectors_import(district=chancheng, payload=json.dumps(data).encode(), actor=adam)
    assert error.value.code == "import_refused"
    assert "no system and no routes" in str(error.value.details["problems"][0])


def test_the_trail_and_the_hall_agree_on_the_sequence(hall, demo_catalog, alice, applicant):
    _simulator, connector = hall
    case = _accept(demo_catalog, alice, applicant)
    seqs = list(TrailEntry.objects.filter(case=case).values_list("seq", flat=True))
    assert seqs == list(
        OutboxMessage.objects.filter(connector=connector, case=case).values_list("sequence", flat=True)
    )


def test_the_simulated_hall_refuses_what_is_not_a_status_change(hall):
    simulator, connector = hall
    body = json.dumps({"event": "materials_supplied", "details": {}}).encode()
    timestamp = str(int(time.time()))
    conn = http.client.HTTPConnection("127.0.0.1", urlsplit(connector.base_url).port, timeout=5)
    conn.request(
        "POST",
        urlsplit(connector.base_url).path,
        body=body,
        headers={
            "X-OneDoor-Timestamp": timestamp,
            "X-OneDoor-Signature": signature(SECRET, timestamp, body),
            "Idempotency-Key": "k-1",
        },
    )
    assert conn.getresponse().status == 400
    assert simulator.halls["440604"].cases == {} and "k-1" not in simulator.halls["440604"].seen
