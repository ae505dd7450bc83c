"""容缺补齐 through the API: a material accepted as "supplied later" is checked against its criteria when it
arrives, as at acceptance; an original the window checked, with every criterion met, becomes a level-B record of
the applicant (issue 3 §5), and a copy or an unchecked one does not."""

import uuid

import pytest

from onedoor.cases.models import Case, TrailEntry
from onedoor.cases.tests.test_api import BODY17, _body, _post
from onedoor.catalog.models import Material
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.models import VerifiedRecord

GAPS_ITEM = "440604-MZ-008"  # 临时救助申请: M03, a copy, may be supplied later


@pytest.fixture
def number(chancheng, alice):
    number = BODY17 + idnumbers.resident_check_char(BODY17)
    people_services.person_register(district=chancheng, id_number=number, name="黄志华", actor=alice)
    return number


def _accepted_with_gaps(client, bearer, alice, catalog, code, number) -> tuple[dict, dict]:
    item = next(i for i in catalog if i["code"] == code)
    later = next(m for m in item["materials"] if m["necessity"] == "later")
    body = _body(item, number, mode="with_gaps")
    body["materials"] = [m for m in body["materials"] if m["code"] != later["code"]]
    created = _post(client, bearer(alice), body, key=f"gaps-{code}")
    assert created.status_code == 201, created.json()
    return created.json(), later


def _supply(client, bearer, staff, case_number, **fields):
    return client.post(
        f"/api/v1/cases/{case_number}/actions",
        {"action": "supply_gap", **fields},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
        **bearer(staff),
    )


def test_a_later_original_checked_at_the_window_becomes_a_level_b_record(
    client, demo_catalog, alice, bearer, number
):
    # let the item's later material be an original with a record type, so that it can settle
    Material.objects.filter(version__item__code=GAPS_ITEM, code="M03").update(
        form="original", record_type="income_statement"
    )
    created, later = _accepted_with_gaps(client, bearer, alice, demo_catalog, GAPS_ITEM, number)
    ticked = {c["id"]: True for c in later["criteria"]}

    refused = _supply(client, bearer, alice, created["number"], materials=[later["code"]])
    assert refused.status_code == 400 and refused.json()["code"] == "criterion_not_met"
    assert set(refused.json()["details"]["criteria"]) == set(ticked)
    case = Case.objects.get(number=created["number"])
    assert case.materials.get(code=later["code"]).status == "later"  # nothing was taken
    assert not TrailEntry.objects.filter(case=case, action="supply_gap").exists()

    stray = _supply(
        client, bearer, alice, created["number"], materials=[later["code"]], criteria={**ticked, "X9": True}
    )
    assert stray.status_code == 400 and stray.json()["code"] == "unknown_criterion"

    elsewhere = _supply(
        client,
        bearer,
        alice,
        created["number"],
        materials=[later["code"]],
        criteria=ticked,
        originals=["M01"],
    )
    assert elsewhere.status_code == 400 and elsewhere.json()["code"] == "original_not_supplied"

    supplied = _supply(
        client,
        bearer,
        alice,
        created["number"],
        materials=[later["code"]],
        criteria=ticked,
        originals=[later["code"]],  # alice held the original in hand
    )
    assert supplied.status_code == 200, supplied.json()
    line = case.materials.get(code=later["code"])
    assert (line.status, line.criteria, line.checked_original) == ("supplied", ticked, True)
    record = VerifiedRecord.objects.get(source_ref=case.number, record_type="income_statement")
    assert (record.trust_level, record.verified_by_id, record.person_id) == ("B", alice.pk, case.person_id)
    entry = TrailEntry.objects.get(case=case, action="supply_gap")
    assert entry.payload["criteria"] == ticked and entry.payload["materials"] == [later["code"]]
    assert entry.payload["originals"] == [later["code"]]


def test_an_original_not_said_to_be_checked_settles_nothing(client, demo_catalog, alice, bearer, number):
    """Seen only as a scan or a copy sent in: the window does not tick "checked the original in hand"."""
    Material.objects.filter(version__item__code=GAPS_ITEM, code="M03").update(
        form="original", record_type="income_statement"
    )
    created, later = _accepted_with_gaps(client, bearer, alice, demo_catalog, GAPS_ITEM, number)
    ticked = {c["id"]: True for c in later["criteria"]}
    supplied = _supply(client, bearer, alice, created["number"], materials=[later["code"]], criteria=ticked)
    assert supplied.status_code == 200, supplied.json()
    assert (
        Case.objects.get(number=created["number"]).materials.get(code=later["code"]).checked_original is False
    )
    assert not VerifiedRecord.objects.filter(record_type="income_statement").exists()


def test_a_later_copy_is_taken_but_settles_nothing(client, demo_catalog, alice, bearer, number):
    created, later = _accepted_with_gaps(client, bearer, alice, demo_catalog, GAPS_ITEM, number)
    ticked = {c["id"]: True for c in later["criteria"]}
    settled = VerifiedRecord.objects.count()  # the ID card checked at acceptance is one already
    supplied = _supply(client, bearer, alice, created["number"], materials=[later["code"]], criteria=ticked)
    assert supplied.status_code == 200, supplied.json()
    assert {m["code"]: m["status"] for m in supplied.json()["materials"]}[later["code"]] == "supplied"
    case = Case.objects.get(number=created["number"])
    assert case.materials.get(code=later["code"]).checked_original is False
    assert VerifiedRecord.objects.count() == settled


def test_an_original_the_back_office_records_settles_nothing(
    client, chancheng, demo_catalog, alice, bearer, number
):
    """Only the window's generalist holds the original in hand; an undertaker recording its arrival does not."""
    from onedoor.districts import services as district_services
    from onedoor.districts.models import Role

    Material.objects.filter(version__item__code=GAPS_ITEM, code="M03").update(
        form="original", record_type="income_statement"
    )
    created, later = _accepted_with_gaps(client, bearer, alice, demo_catalog, GAPS_ITEM, number)
    case = Case.objects.get(number=created["number"])
    undertaker = district_services.staff_create(
        district=chancheng,
        username="mz-undertaker",
        password="a-long-enough-password-1",
        roles=[(Role.UNDERTAKER, case.department)],
    )
    ticked = {c["id"]: True for c in later["criteria"]}
    claimed = _supply(
        client,
        bearer,
        undertaker,
        created["number"],
        materials=[later["code"]],
        criteria=ticked,
        originals=[later["code"]],
    )
    assert claimed.status_code == 403 and claimed.json()["code"] == "originals_at_the_window"
    supplied = _supply(
        client, bearer, undertaker, created["number"], materials=[later["code"]], criteria=ticked
    )
    assert supplied.status_code == 200, supplied.json()
    assert case.materials.get(code=later["code"]).checked_original is False
    assert not VerifiedRecord.objects.filter(record_type="income_statement").exists()
