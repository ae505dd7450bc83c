"""Two officers acting on one case at the same moment: one wins, the other gets a clear conflict; two
acceptances with one Idempotency-Key at once give one case. Run on PostgreSQL with two real connections."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from onedoor.cases import signatures
from onedoor.cases.actions import case_act
from onedoor.cases.models import Case, IdempotencyKey, TrailEntry
from onedoor.cases.services import acceptance_preview, case_accept, commitment_for
from onedoor.core.errors import Conflict
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.ratings.services import pad_pair
from onedoor.ratings.tests import helpers

NAME = [[[0.1, 0.5], [0.2, 0.3], [0.3, 0.6], [0.4, 0.4]], [[0.5, 0.5], [0.6, 0.2], [0.7, 0.7], [0.8, 0.45]]]

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two PostgreSQL connections")


@pytest.fixture
def application(demo_catalog, alice, chancheng):
    """case_accept's arguments but the staff: a promised 不动产 item, everything brought and met."""
    body = "44060419660712341"
    person = people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="何家豪", actor=alice
    )
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    return {"item_code": item["code"], "applicant": person.id_number, "materials": materials}


@pytest.mark.django_db(transaction=True)
def test_two_officers_undertaking_at_once_one_wins_the_other_gets_a_conflict(application, alice, olivia):
    case = case_accept(staff=alice, **application).case
    barrier, outcomes = threading.Barrier(2), []

    findings = {cid: True for m in application["materials"] for cid in m["criteria"]}

    def act():
        try:
            barrier.wait()
            case_act(staff=olivia, number=case.number, action="undertake", opinion="同意", criteria=findings)
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


@pytest.mark.django_db(transaction=True)
def test_a_twin_request_committed_during_an_acceptance_gets_the_twins_case(application, alice):
    """The same Idempotency-Key sent twice at once: the later one passes the key check, does the whole
    acceptance, fails on the key when its appended rows are written, rolls all of it back and answers with
    the case its twin committed."""

    def accept():
        return case_accept(staff=alice, idempotency_key="twin-key", **application)

    written, release, twin = threading.Event(), threading.Event(), {}

    def first():
        try:
            with (
                transaction.atomic()
            ):  # holds the twin's rows, its day counter's lock among them, uncommitted
                twin["case"] = accept().case
                written.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=first)
    thread.start()
    assert written.wait(10)
    threading.Timer(0.5, release.set).start()  # commits while this acceptance waits for the day's counter
    with CaptureQueriesContext(connection) as queries:
        result = accept()
    thread.join()
    assert result.replayed and result.case.number == twin["case"].number
    assert any(q["sql"].startswith('INSERT INTO "cases_case"') for q in queries.captured_queries)
    assert Case.objects.count() == 1 and TrailEntry.objects.count() == 1
    assert IdempotencyKey.objects.get(key="twin-key").case_id == twin["case"].pk


@pytest.mark.django_db(transaction=True)
def test_a_twin_acceptance_with_a_pad_signature_gets_the_twins_case(demo_catalog, alice, chancheng):
    """Trust first signed on the window's pad, the form sent twice at once: the later request waits for the
    signature its twin holds, finds it used by the twin's case and answers with that case, not a conflict."""
    body = "44060419660712341"
    person = people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="何家豪", actor=alice
    )
    item = next(i for i in demo_catalog if i["trust_first"] and i["subject"] == "person" and not i["levels"])
    window = helpers.window_of(alice)
    pad = pad_pair(staff=alice, window=window)[0]
    preview = acceptance_preview(staff=alice, item_code=item["code"], person=person)
    text = commitment_for(preview, set())
    request = signatures.signature_request(
        staff=alice, window=window, version=preview.version, applicant_number=person.id_number, text=text
    )
    signatures.signature_sign(pad=pad, signature_id=request.pk, strokes=NAME)

    def accept():
        return case_accept(
            staff=alice,
            item_code=item["code"],
            applicant=person.id_number,
            mode="trust_first",
            window=window,
            commitment_signature=request.pk,
            idempotency_key="pad-twin",
        )

    written, release, twin = threading.Event(), threading.Event(), {}

    def first():
        try:
            with transaction.atomic():
                twin["case"] = accept().case
                written.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=first)
    thread.start()
    assert written.wait(10)
    threading.Timer(0.5, release.set).start()
    result = accept()
    thread.join()
    assert result.replayed and result.case.number == twin["case"].number
    request.refresh_from_db()
    assert Case.objects.count() == 1 and request.case_id == twin["case"].pk
