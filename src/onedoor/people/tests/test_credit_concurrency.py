"""A double-submitted appeal and two supervisors deciding at once, on PostgreSQL with real connections: one
appeal, one decision, one ledger entry each; the other submission gets a clear conflict."""

import threading

import pytest
from django.db import connection, connections

from onedoor.core.errors import Conflict
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.ledger.models import LedgerEntry
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.credit import credit_record_add
from onedoor.people.credit_appeals import credit_appeal_decide, credit_appeal_file
from onedoor.people.models import CreditAppeal

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two PostgreSQL connections")
PASSWORD = "correct horse battery staple"


def _twice(call) -> list[str]:
    barrier, outcomes = threading.Barrier(2), []

    def run():
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_a_double_submitted_appeal_and_a_double_decision_each_happen_once(chancheng, alice):
    body = "44060419900101123"
    mei = people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="梁美玲", actor=alice
    )
    record = credit_record_add(
        district=chancheng, person=mei, kind="bad", reason_code="gaps_missed", reason="逾期未补齐"
    )
    supervisors = [
        district_services.staff_create(
            district=chancheng, username=name, password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
        )
        for name in ("vera", "victor")
    ]
    outcomes = _twice(lambda: credit_appeal_file(person=mei, record_id=record.pk, reasons="已按时补齐"))
    assert outcomes == ["appeal_exists", "ok"]
    appeal = CreditAppeal.objects.get()
    deciders = iter(supervisors)
    lock = threading.Lock()

    def decide():
        with lock:
            staff = next(deciders)
        credit_appeal_decide(staff=staff, appeal_id=appeal.pk, upheld=True, reason="补齐凭证有效")

    assert _twice(decide) == ["appeal_decided", "ok"]
    kinds = list(LedgerEntry.objects.filter(kind__startswith="credit.").values_list("kind", flat=True))
    assert sorted(kinds) == ["credit.appeal", "credit.appeal_decided", "credit.bad"]
