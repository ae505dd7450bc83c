"""The simulated department systems against a real OneDoor server on loopback: the worker pushes an accepted
case, the simulated system decides its stages after a delay and calls back; duplicate and out-of-order
callbacks are applied once and in order, so the case ends completed with its certificate either way."""

import threading
import time

import pytest
from django.db import OperationalError

from onedoor.cases.models import Case, Certificate, TrailEntry
from onedoor.cases.services import case_accept
from onedoor.districts.services import backend_system_register
from onedoor.integrations import delivery
from onedoor.integrations.models import InboundCallback
from onedoor.integrations.services import connector_configure, route_set
from onedoor.integrations.simulator import Settings, Simulator, decisions, load_systems
from onedoor.people import idnumbers
from onedoor.people import services as people_services

TRANSFER = "440604-BDC-002"  # undertake → review → approve → complete


def test_the_decisions_follow_the_process_from_the_current_stage():
    event = {
        "event": "accepted",
        "case": {
            "number": "n",
            "status": "review",
            "stages": ["accept", "undertake", "review", "approve", "deliver"],
        },
        "decides": ["undertake", "review", "approve", "deliver"],
        "details": {"criteria": {"M01-1": True}},
    }
    assert [d["action"] for d in decisions(event)] == ["review", "approve"]  # delivery stays at the window
    assert decisions({**event, "event": "withdrawn"}) == []


def _finished(case) -> bool:
    """Completed with its certificate and every callback recorded. On SQLite the live server shares the test's
    in-memory database connection, so a read can land in the middle of the server's transaction: poll for the
    whole end state, not for the status alone."""
    try:
        return (
            Case.objects.filter(pk=case.pk, status="completed").exists()
            and Certificate.objects.filter(case=case).exists()
            and InboundCallback.objects.filter(case=case, status="applied").count() == 4
        )
    except OperationalError:  # SQLite locks tables while the server writes
        return False


@pytest.mark.parametrize("fault", ["none", "duplicate", "out-of-order"])
def test_a_simulated_system_decides_the_case_through_signed_callbacks(
    live_server, chancheng, adam, alice, demo_catalog, fault
):
    simulator = Simulator(Settings(onedoor=live_server.url, delay=0.1, fault=fault), {})
    server = simulator.serve("127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        system = backend_system_register(
            department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
        )
        connector, _ = connector_configure(
            system=system, base_url=f"http://127.0.0.1:{port}/systems/BDC-SYS/events", actor=adam
        )
        route_set(connector=connector, decides=["undertake", "review", "approve", "complete"], actor=adam)
        simulator.systems = load_systems()
        body = "44060419820808123"
        person = people_services.person_register(
            district=chancheng,
            id_number=body + idnumbers.resident_check_char(body),
            name="司徒文",
            actor=alice,
        )
        item = next(i for i in demo_catalog if i["code"] == TRANSFER)
        materials = [
            {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
            for m in item["materials"]
        ]
        case = case_accept(
            staff=alice, item_code=TRANSFER, applicant=person.id_number, materials=materials
        ).case
        assert delivery.deliver_due() == 1
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _finished(case):
            time.sleep(0.1)
        case.refresh_from_db()
        assert case.status == "completed"
        actions = list(TrailEntry.objects.filter(case=case).order_by("seq").values_list("action", flat=True))
        assert actions == ["accept", "undertake", "review", "approve", "complete"]
        assert Certificate.objects.filter(case=case).count() == 1
        assert InboundCallback.objects.filter(case=case, status="applied").count() == 4
        sent = 8 if fault == "duplicate" else 4  # the last duplicate may still be on its way
        while time.monotonic() < deadline and simulator.stats["callbacks"] < sent:
            time.sleep(0.05)
        assert simulator.stats["callbacks"] >= sent
        assert TrailEntry.objects.filter(case=case).count() == 5  # the duplicates changed nothing
    finally:
        server.shutdown()
        server.server_close()
