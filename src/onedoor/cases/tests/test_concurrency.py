"""Two officers acting on one case at the same moment: one wins, the other gets a clear conflict.
Run on PostgreSQL with two real connections (row lock: SELECT … FOR UPDATE)."""

import threading

import pytest
from django.db import connection, connections

from onedoor.cases.actions import case_act
from onedoor.cases.services import case_accept
from onedoor.core.errors import Conflict
from onedoor.people import idnumbers
from onedoor.people import services as people_services

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two PostgreSQL connections")


@pytest.mark.django_db(transaction=True)
def test_two_officers_undertaking_at_once_one_wins_the_other_gets_a_conflict(
    demo_catalog, alice, olivia, chancheng
):
    body = "44060419660712341"
    person = people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="何家豪", actor=alice
    )
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    case = case_accept(
        staff=alice, item_code=item["code"], applicant=person.id_number, materials=materials
    ).case
    barrier, outcomes = threading.Barrier(2), []

    def act():
        try:
            barrier.wait()
            case_act(staff=olivia, number=case.number, action="undertake", opinion="同意")
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["not_allowed_now", "ok"]
    case.refresh_from_db()
    assert case.status == "review" and case.revision == 1
    assert case.trail.count() == 2
