"""The trail is append-only in the database, and its hash chain shows any gap."""

import pytest
from django.db import DatabaseError, connection, transaction

from onedoor.cases.models import TrailEntry
from onedoor.cases.services import case_accept
from onedoor.cases.trail import trail_verify
from onedoor.people import idnumbers
from onedoor.people import services as people_services


@pytest.fixture
def case(demo_catalog, alice, chancheng):
    body = "44060420010101002"
    person = people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="区嘉怡", actor=alice
    )
    item = next(
        i
        for i in demo_catalog
        if i["kind"] == "instant" and i["subject"] == "person" and "district" in (i["levels"] or ["district"])
    )
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    return case_accept(
        staff=alice, item_code=item["code"], applicant=person.id_number, materials=materials
    ).case


def test_every_action_appends_a_chained_entry(case):
    entries = list(case.trail.order_by("seq"))
    assert [e.action for e in entries] == ["accept", "complete"]
    assert entries[1].prev_hash == entries[0].entry_hash
    assert all(e.actor_label == "alice" and e.role == "window_generalist" for e in entries)
    assert trail_verify(case) == []


def test_the_database_refuses_to_update_a_trail_entry(case):
    with pytest.raises(DatabaseError), transaction.atomic():
        TrailEntry.objects.filter(case=case).update(reason="rewritten")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL refuses DELETE; SQLite's demo allows it"
)
def test_postgresql_refuses_to_delete_a_trail_entry(case):
    with pytest.raises(DatabaseError), transaction.atomic():
        TrailEntry.objects.filter(case=case, seq=1).delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.django_db(
    transaction=True
)  # committed rows: a TRUNCATE inside the test's transaction proves nothing
def test_postgresql_refuses_to_truncate_the_trail(case):
    with (
        pytest.raises(DatabaseError, match="TRUNCATE refused"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE cases_trailentry CASCADE")
    assert TrailEntry.objects.filter(case=case).count() == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite lets the row go, to show the chain")
def test_a_missing_entry_breaks_the_chain(case):
    TrailEntry.objects.filter(case=case, seq=1).delete()
    assert trail_verify(case) == [2]
