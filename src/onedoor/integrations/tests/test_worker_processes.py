"""Faults with real worker processes on loopback (PostgreSQL: the test database is shared with the workers).
A worker killed with SIGKILL in the middle of deliveries, and a worker whose database connections are cut,
lose nothing: after a restart every message is delivered, and the back-end acts on each one exactly once."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from onedoor.cases.services import case_accept
from onedoor.districts.services import backend_system_register
from onedoor.integrations.models import OutboxMessage
from onedoor.integrations.services import connector_configure, route_set
from onedoor.integrations.tests.backend import Backend
from onedoor.people import idnumbers
from onedoor.people import services as people_services

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="worker processes share the test database only on PostgreSQL"
)
SECRET = "the-secret-of-the-killed-worker-test"
INSTANT = "440604-BDC-001"
CASES = 24


@pytest.fixture
def backend():
    server = Backend(SECRET)
    server.delay = 0.05
    yield server
    server.close()


@pytest.fixture
def queued(transactional_db, chancheng, adam, alice, demo_catalog, backend):
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    connector, _ = connector_configure(system=system, base_url=backend.url, secret=SECRET, timeout_seconds=1)
    route_set(connector=connector, actor=adam)
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    for n in range(CASES):
        body = f"44060419800101{n:03d}"
        person = people_services.person_register(
            district=chancheng,
            id_number=body + idnumbers.resident_check_char(body),
            name=f"测试{n}",
            actor=alice,
        )
        case_accept(staff=alice, item_code=item["code"], applicant=person.id_number, materials=materials)
    assert OutboxMessage.objects.count() == CASES


def _worker() -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "ONEDOOR_SECRET_KEY": settings.SECRET_KEY,
        "ONEDOOR_OUTBOX_LEASE_MARGIN_SECONDS": "1",
        "ONEDOOR_OUTBOX_BACKOFF_SECONDS": "0.2",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "onedoor", "worker", "--batch", "4", "--idle", "0.1", "--sweep-every", "3600"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait(predicate, seconds=60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _all_delivered() -> bool:
    return not OutboxMessage.objects.exclude(status="delivered").exists()


def test_a_worker_killed_mid_delivery_loses_nothing_and_nothing_is_acted_on_twice(queued, backend):
    first = _worker()
    try:
        assert _wait(lambda: len(backend.acted) >= 5, 30), (
            first.stdout.read() if first.poll() is not None else ""
        )
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        first.kill()
    assert not _all_delivered()  # killed part-way
    second = _worker()
    try:
        assert _wait(_all_delivered), "not everything was delivered after the restart"
    finally:
        second.send_signal(signal.SIGTERM)
        out, _ = second.communicate(timeout=20)
    assert "stopped after" in out  # it stopped cleanly on SIGTERM
    keys = [m["id"] for m in backend.acted]
    assert len(keys) == len(set(keys)) == CASES  # each message acted on exactly once
    assert set(keys) == {str(k) for k in OutboxMessage.objects.values_list("key", flat=True)}


def test_a_worker_whose_database_connection_is_cut_recovers_by_itself(queued, backend):
    worker = _worker()
    try:
        assert _wait(lambda: len(backend.acted) >= 3, 30)
        with connection.cursor() as cursor:  # what a database restart does to the worker's connection
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        assert _wait(_all_delivered), "the worker did not recover"
        assert worker.poll() is None  # still running
    finally:
        worker.send_signal(signal.SIGTERM)
        out, _ = worker.communicate(timeout=20)
    keys = [m["id"] for m in backend.acted]
    assert len(keys) == len(set(keys)) == CASES
