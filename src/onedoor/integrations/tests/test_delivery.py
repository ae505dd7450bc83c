"""The outbox and its delivery end to end, against a real HTTP back-end on loopback: an event exists exactly
when its change commits; it arrives signed, once per idempotency key, in order per case; failures back off and
retry; a back-end that refuses a message or stays down past the retry budget yields a dead letter that holds
back the case's later events until it is replayed; the circuit opens after repeated failures; the message log
is a hash chain that shows any edit or deletion."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from onedoor.cases.actions import case_act
from onedoor.cases.services import case_accept
from onedoor.core import clock
from onedoor.core.errors import DomainError
from onedoor.districts.services import backend_system_register
from onedoor.integrations import delivery
from onedoor.integrations.log import log_verify
from onedoor.integrations.models import Connector, LogEntry, OutboxMessage
from onedoor.integrations.services import connector_configure, route_set
from onedoor.integrations.tests.backend import Backend
from onedoor.people import idnumbers
from onedoor.people import services as people_services

TRANSFER = "440604-BDC-002"  # a promised real-estate item of the test department (BDC)
SECRET = "a-shared-secret-of-the-bdc-system"


@pytest.fixture
def backend():
    server = Backend(SECRET)
    yield server
    server.close()


@pytest.fixture
def connector(chancheng, adam, backend, demo_catalog):
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    connector, shown = connector_configure(system=system, base_url=backend.url, secret=SECRET, actor=adam)
    assert shown == SECRET and SECRET not in connector.secret_encrypted
    route_set(connector=connector, decides=["review", "approve"], actor=adam)
    return connector


@pytest.fixture
def applicant(chancheng, alice):
    body = "44060419800202123"
    return people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="邓丽华", actor=alice
    )


def _accept(demo_catalog, alice, applicant, **extra):
    item = next(i for i in demo_catalog if i["code"] == TRANSFER)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    return case_accept(
        staff=alice, item_code=TRANSFER, applicant=applicant.id_number, materials=materials, **extra
    )


def _later(seconds):
    return clock.frozen_at(clock.now() + timedelta(seconds=seconds))


def test_an_accepted_case_reaches_its_back_end_signed_and_logged(
    connector, backend, demo_catalog, alice, applicant
):
    case = _accept(demo_catalog, alice, applicant).case
    message = OutboxMessage.objects.get(case=case)  # written with the case, before any delivery
    assert (message.event, message.sequence, message.status) == ("accepted", 1, "pending")

    assert delivery.deliver_due() == 1
    assert backend.bad_signatures == 0
    [received] = backend.acted
    assert received["event"] == "accepted" and received["case"]["number"] == case.number
    assert received["case"]["applicant"]["number"] == applicant.id_number
    assert received["decides"] == ["review", "approve"]
    message.refresh_from_db()
    assert message.status == "delivered" and message.attempts == 1
    entry = LogEntry.objects.get(connector=connector)
    assert (entry.direction, entry.status, entry.http_status, entry.case_number) == (
        "out",
        "delivered",
        200,
        case.number,
    )
    assert log_verify(connector) == []
    assert delivery.deliver_due() == 0  # nothing left


def test_a_refused_acceptance_queues_nothing(connector, demo_catalog, alice, applicant):
    with pytest.raises(DomainError):
        case_accept(staff=alice, item_code=TRANSFER, applicant=applicant.id_number, materials=[])
    assert not OutboxMessage.objects.exists()


def test_failures_back_off_and_a_case_s_events_arrive_in_order(
    connector, backend, demo_catalog, alice, applicant
):
    case = _accept(demo_catalog, alice, applicant).case
    case_act(staff=alice, number=case.number, action="withdraw", reason="申请人撤回")
    backend.failures = [503, 500]
    assert delivery.deliver_due() == 1  # only the first event of the case is claimable
    first = OutboxMessage.objects.get(case=case, sequence=1)
    assert first.status == "pending" and first.next_attempt_at > clock.now() and first.last_error
    assert delivery.deliver_due() == 0  # waiting for its backoff; the withdrawal waits behind it
    for minutes in (60, 120, 180):
        with _later(minutes * 60):
            while delivery.deliver_due():
                pass
    assert [m["event"] for m in backend.acted] == ["accepted", "withdrawn"]
    assert OutboxMessage.objects.get(case=case, sequence=1).attempts == 3
    assert log_verify(connector) == []


def test_a_refused_message_is_a_dead_letter_that_holds_the_case_until_replayed(
    connector, backend, demo_catalog, alice, applicant
):
    case = _accept(demo_catalog, alice, applicant).case
    case_act(staff=alice, number=case.number, action="withdraw", reason="申请人撤回")
    backend.failures = [422]
    delivery.deliver_due()
    dead = OutboxMessage.objects.get(case=case, sequence=1)
    assert dead.status == "dead" and dead.attempts == 1
    with _later(3600):
        assert delivery.deliver_due() == 0  # the withdrawal never overtakes the dead acceptance
    assert backend.acted == []
    call_command("integrations", "replay", "--system", "BDC-SYS")
    while delivery.deliver_due():
        pass
    assert [m["event"] for m in backend.acted] == ["accepted", "withdrawn"]


def test_a_back_end_down_past_the_retry_budget_gives_a_dead_letter(
    connector, backend, demo_catalog, alice, applicant, settings
):
    settings.ONEDOOR_OUTBOX_RETRY_HOURS = 1
    settings.ONEDOOR_BREAKER_THRESHOLD = 1000
    _accept(demo_catalog, alice, applicant)
    for hours in range(0, 4):
        with _later(hours * 3600 + 1):
            backend.failures = [500]
            delivery.deliver_due()
    message = OutboxMessage.objects.get()
    assert message.status == "dead" and "retry budget" not in message.last_error  # the last answer is kept
    assert message.attempts >= 2


def test_the_circuit_opens_after_failures_in_a_row_and_closes_on_success(
    connector, backend, demo_catalog, alice, applicant, settings
):
    settings.ONEDOOR_BREAKER_THRESHOLD = 2
    settings.ONEDOOR_BREAKER_COOLDOWN_SECONDS = 60
    settings.ONEDOOR_OUTBOX_BACKOFF_SECONDS = 0.001
    _accept(demo_catalog, alice, applicant)
    backend.failures = [500, 500]
    delivery.deliver_due()
    with _later(1):
        delivery.deliver_due()
    connector.refresh_from_db()
    assert connector.consecutive_failures == 2 and connector.open_until is not None
    with _later(30):
        assert delivery.deliver_due() == 0  # open: the system is left alone
    with _later(61):
        assert delivery.deliver_due() == 1
    connector.refresh_from_db()
    assert connector.consecutive_failures == 0 and connector.open_until is None
    assert [m["event"] for m in backend.acted] == ["accepted"]


def test_a_message_sent_twice_after_a_lost_lease_is_acted_on_once(
    connector, backend, demo_catalog, alice, applicant
):
    _accept(demo_catalog, alice, applicant)
    [claimed] = delivery.claim()
    body = delivery.message_body(claimed)
    # the worker posts, then dies before recording the outcome
    delivery._post(
        claimed.connector,
        body,
        {
            "Content-Type": "application/json",
            "Idempotency-Key": str(claimed.key),
            "X-OneDoor-Timestamp": "1",
            "X-OneDoor-Signature": delivery.signature(SECRET, "1", body),
        },
    )
    assert delivery.deliver_due() == 0  # leased: nobody else sends it meanwhile
    with _later(3600):  # the lease expires; another worker sends it again
        assert delivery.deliver_due() == 1
    assert backend.seen == [str(claimed.key)] * 2 and len(backend.acted) == 1


def test_the_log_shows_an_edited_or_deleted_entry(connector, backend, demo_catalog, alice, applicant):
    for _ in range(3):
        _accept(demo_catalog, alice, applicant)
    backend.failures = [500]
    while delivery.deliver_due():
        pass
    with _later(3600):
        delivery.deliver_due()
    assert LogEntry.objects.filter(connector=connector).count() == 4
    assert log_verify(connector) == []
    LogEntry.objects.filter(connector=connector, seq=2).update(detail="edited afterwards")
    assert log_verify(connector) == [2]
    LogEntry.objects.filter(connector=connector, seq=2).delete()
    assert 3 in log_verify(connector)


def test_the_worker_command_delivers_what_is_due(connector, backend, demo_catalog, alice, applicant, capsys):
    _accept(demo_catalog, alice, applicant)
    call_command("worker", "--once")
    assert len(backend.acted) == 1
    assert "stopped after 1 attempt" in capsys.readouterr().out


def test_the_secret_is_sealed_and_never_shown_again(connector):
    stored = Connector.objects.get(pk=connector.pk)
    assert SECRET not in stored.secret_encrypted
    again, shown = connector_configure(system=connector.system, base_url=connector.base_url)
    assert shown is None and again.secret_encrypted == stored.secret_encrypted


@pytest.mark.skipif(connection.vendor != "postgresql", reason="several workers run only on PostgreSQL")
def test_two_workers_at_once_never_claim_the_same_message(
    transactional_db, connector, backend, demo_catalog, alice, applicant
):
    for _ in range(12):
        _accept(demo_catalog, alice, applicant)
    Connector.objects.filter(pk=connector.pk).update(max_concurrency=100)
    claimed, start = [], threading.Barrier(2)

    def worker():
        start.wait()
        try:
            claimed.append([m.pk for m in delivery.claim(limit=8)])
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    first, second = claimed
    assert not set(first) & set(second)
    assert len(first) + len(second) == 12
    OutboxMessage.objects.update(status="pending", lease_until=None)
    Connector.objects.filter(pk=connector.pk).update(max_concurrency=5)
    claimed.clear()
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(len(c) for c in claimed) == 5  # together, never more than the system's limit in flight


def test_a_system_gets_no_more_than_its_concurrency_and_rate_limits(
    connector, backend, demo_catalog, alice, chancheng
):
    for n in range(5):  # five cases, so five messages are due at once
        body = f"44060419910303{n:03d}"
        person = people_services.person_register(
            district=chancheng,
            id_number=body + idnumbers.resident_check_char(body),
            name=f"限流{n}",
            actor=alice,
        )
        _accept(demo_catalog, alice, person)
    Connector.objects.filter(pk=connector.pk).update(max_concurrency=2, rate_per_minute=3)
    assert len(delivery.claim(limit=10)) == 2  # two in flight at most
    assert delivery.claim(limit=10) == []  # …until they are done
    OutboxMessage.objects.filter(status="sending").update(status="pending", lease_until=None)
    assert delivery.deliver_due(limit=10) == 2
    assert delivery.deliver_due(limit=10) == 1  # three attempts in the last minute at most
    assert delivery.deliver_due(limit=10) == 0
    with _later(61):
        assert delivery.deliver_due(limit=10) == 2
    assert len(backend.acted) == 5
