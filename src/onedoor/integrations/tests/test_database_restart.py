"""A PostgreSQL restart under load (issue 4 §7): a server of the test's own (`pgcluster.py`) holding a copy of
the test database, gunicorn and `onedoor worker` on it, a client accepting cases through the API while the
worker delivers to a back-end on loopback — and the database is restarted in the middle, cleanly (`fast`) or as
in a crash (`immediate`, recovery from the write-ahead log). Nothing is lost: every acceptance the client made
(retrying with its Idempotency-Key until answered) is one case, every case's message is delivered and acted on
once, and the worker recovers by itself."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPConnection

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from onedoor.cases.services import case_accept
from onedoor.districts.auth import token_create
from onedoor.districts.services import backend_system_register
from onedoor.integrations.services import connector_configure, route_set
from onedoor.integrations.tests import pgcluster
from onedoor.integrations.tests.backend import Backend
from onedoor.people import idnumbers

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or pgcluster.binaries() is None,
    reason="restarts a PostgreSQL server of its own, loaded from the PostgreSQL test database",
)
SECRET = "the-secret-of-the-database-restart-test"
TRANSFER = "440604-BDC-002"
QUEUED, POSTED = 10, 40


def _materials(demo_catalog):
    item = next(i for i in demo_catalog if i["code"] == TRANSFER)
    return [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]


def _id_number(n: int) -> str:
    body = f"44060419900101{n:03d}"
    return body + idnumbers.resident_check_char(body)


@pytest.fixture
def backend():
    server = Backend(SECRET)
    server.delay = 0.03
    yield server
    server.close()


@pytest.fixture
def loaded(transactional_db, chancheng, adam, alice, demo_catalog, backend):
    """The test database as the copy starts from: a connected back-end, QUEUED cases waiting to be delivered,
    and alice's API token."""
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    connector, _ = connector_configure(system=system, base_url=backend.url, secret=SECRET, timeout_seconds=2)
    route_set(connector=connector, actor=adam)
    for n in range(QUEUED):
        case_accept(
            staff=alice,
            item_code=TRANSFER,
            applicant=_id_number(n),
            applicant_name=f"排队{n}",
            materials=_materials(demo_catalog),
        )
    _token, secret = token_create(staff=alice, name="restart test")
    return secret


@pytest.fixture
def cluster(loaded):
    server = pgcluster.Cluster(pgcluster.binaries())
    try:
        server.start()
        server.copy_from(connection.settings_dict)
        yield server
    finally:
        server.stop()


def _env(cluster) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "ONEDOOR_SECRET_KEY": settings.SECRET_KEY,
        "ONEDOOR_OUTBOX_LEASE_MARGIN_SECONDS": "1",
        "ONEDOOR_OUTBOX_BACKOFF_SECONDS": "0.2",
        "ONEDOOR_BREAKER_COOLDOWN_SECONDS": "1",
    }


def _start(cluster, *args) -> subprocess.Popen:
    log = open(os.path.join(cluster.dir, f"{args[0]}.log"), "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(
        [sys.executable, "-m", *args],
        env=_env(cluster),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait(predicate, seconds=90.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _answers(port: int) -> bool:
    try:
        conn = HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/api/v1/health")
        return conn.getresponse().status == 200
    except OSError:
        return False


class Client(threading.Thread):
    """Accepts POSTED cases one after another; each request is retried with its own Idempotency-Key until it
    is answered 200/201, whatever the server or the database does meanwhile."""

    def __init__(self, port: int, token: str, materials: list):
        super().__init__(daemon=True)
        self.port, self.token, self.materials = port, token, materials
        self.numbers: list[str] = []
        self.retries = 0

    def run(self):
        for n in range(POSTED):
            body = json.dumps(
                {
                    "item_code": TRANSFER,
                    "applicant": _id_number(100 + n),
                    "applicant_name": f"重启{n}",
                    "materials": self.materials,
                }
            )
            key = str(uuid.uuid4())
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                try:
                    conn = HTTPConnection("127.0.0.1", self.port, timeout=20)
                    conn.request(
                        "POST",
                        "/api/v1/cases",
                        body=body,
                        headers={
                            "Content-Type": "application/json",
                            "Authorization": f"Bearer {self.token}",
                            "Idempotency-Key": key,
                        },
                    )
                    response = conn.getresponse()
                    data = response.read()
                    if response.status in (200, 201):
                        self.numbers.append(json.loads(data)["number"])
                        break
                except OSError:
                    pass
                self.retries += 1
                time.sleep(0.2)
            else:
                return  # gave up: the assertions below show the missing acceptances


def _one(cluster, sql: str):
    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://"), connect_timeout=5) as db:
        return db.execute(sql).fetchone()


def _postmaster(cluster) -> str:
    with open(os.path.join(cluster.data, "postmaster.pid")) as f:
        return f.readline().strip()


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_a_database_restart_under_load_loses_nothing_and_the_worker_recovers(
    cluster, loaded, backend, demo_catalog, mode
):
    port = pgcluster._free_port()
    web = _start(cluster, "gunicorn", "onedoor.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "60")
    worker = _start(cluster, "onedoor", "worker", "--batch", "4", "--idle", "0.1", "--sweep-every", "3600")
    try:
        assert _wait(lambda: _answers(port), 60), "gunicorn did not start"
        client = Client(port, loaded, _materials(demo_catalog))
        client.start()
        assert _wait(lambda: len(client.numbers) >= 10 and len(backend.acted) >= 5, 60)
        before = _postmaster(cluster)
        cluster.restart(mode)
        assert _postmaster(cluster) != before  # a new server process
        client.join(180)
        assert not client.is_alive()
        assert len(client.numbers) == len(set(client.numbers)) == POSTED  # every acceptance, once

        def all_delivered():
            try:
                return _one(
                    cluster, "SELECT count(*) FROM integrations_outboxmessage WHERE status <> 'delivered'"
                ) == (0,)
            except psycopg.Error:
                return False

        assert _wait(all_delivered, 120), "the worker did not deliver everything after the restart"
        assert worker.poll() is None and web.poll() is None  # both still running: they recovered
    finally:
        for process in (web, worker):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(20)
    (cases,) = _one(cluster, "SELECT count(*) FROM cases_case")
    assert cases == QUEUED + POSTED
    keys = {
        str(k)
        for (k,) in psycopg.connect(cluster.url.replace("postgres://", "postgresql://")).execute(
            "SELECT key FROM integrations_outboxmessage"
        )
    }
    acted = [m["id"] for m in backend.acted]
    assert len(keys) == QUEUED + POSTED
    assert len(acted) == len(set(acted)) and set(acted) == keys  # each message acted on exactly once
    with open(os.path.join(cluster.dir, "onedoor.log")) as f:
        assert "database error, retrying" in f.read()  # the worker saw the restart and went on by itself
