"""Any window takes any item: acceptance through the case services."""

import pytest

from onedoor.cases.models import Case, Certificate, TrailEntry
from onedoor.cases.services import case_accept
from onedoor.cases.trail import trail_verify
from onedoor.core.errors import DomainError
from onedoor.people import services as people_services
from onedoor.people.models import VerifiedRecord

NUMBER = "440604199001011234"


def _item(catalog, predicate):
    return next(i for i in catalog if predicate(i))


def _all_received(item):
    return [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]


@pytest.fixture
def applicant(chancheng, alice):
    from onedoor.people import idnumbers

    body = NUMBER[:17]
    number = body + idnumbers.resident_check_char(body)
    return people_services.person_register(district=chancheng, id_number=number, name="陈小明", actor=alice)


def test_an_instant_item_is_finished_at_the_window_with_a_signed_certificate(demo_catalog, alice, applicant):
    item = _item(
        demo_catalog, lambda i: i["kind"] == "instant" and i["subject"] == "person" and not i["levels"]
    )
    result = case_accept(
        staff=alice, item_code=item["code"], applicant=applicant.id_number, materials=_all_received(item)
    )
    case = result.case
    assert case.status == "completed"
    assert case.number.startswith("440604-")
    certificate = Certificate.objects.get(case=case)
    assert certificate.payload["case"] == case.number
    assert VerifiedRecord.objects.filter(person=applicant, trust_level="A", source_ref=case.number).exists()
    assert trail_verify(case) == []


def test_a_promised_item_goes_to_the_department_with_a_deadline(demo_catalog, alice, applicant):
    item = _item(
        demo_catalog,
        lambda i: (
            i["kind"] == "promised"
            and i["subject"] == "person"
            and i["item_type"] != "licensing"
            and not i["levels"]
            and i["promised_limit"] >= 3
        ),
    )
    case = case_accept(
        staff=alice, item_code=item["code"], applicant=applicant.id_number, materials=_all_received(item)
    ).case
    assert case.status == item["stages"][1]["code"]
    assert case.deadline > case.accepted_at
    assert TrailEntry.objects.filter(case=case).count() == 1


def test_a_missing_required_material_is_refused_and_nothing_is_written(demo_catalog, alice, applicant):
    item = _item(
        demo_catalog,
        lambda i: (
            i["kind"] == "promised"
            and i["subject"] == "person"
            and not i["levels"]
            and any(m["necessity"] == "required" and m["source"] == "applicant" for m in i["materials"])
        ),
    )
    with pytest.raises(DomainError) as caught:
        case_accept(staff=alice, item_code=item["code"], applicant=applicant.id_number, materials=[])
    assert caught.value.code == "materials_incomplete"
    assert caught.value.details["problems"]
    assert not Case.objects.exists()


def test_the_same_idempotency_key_returns_the_same_case(demo_catalog, alice, applicant):
    item = _item(
        demo_catalog, lambda i: i["kind"] == "instant" and i["subject"] == "person" and not i["levels"]
    )
    first = case_accept(
        staff=alice,
        item_code=item["code"],
        applicant=applicant.id_number,
        materials=_all_received(item),
        idempotency_key="k-1",
    )
    again = case_accept(
        staff=alice,
        item_code=item["code"],
        applicant=applicant.id_number,
        materials=_all_received(item),
        idempotency_key="k-1",
    )
    assert again.replayed and again.case.pk == first.case.pk
    assert Case.objects.count() == 1


def test_originals_checked_at_the_window_become_level_b_records_each_audited(demo_catalog, alice, applicant):
    from onedoor.core.models import AuditRecord

    item = _item(
        demo_catalog,
        lambda i: (
            i["subject"] == "person"
            and not i["levels"]
            and not i["trust_first"]
            and sum(1 for m in i["materials"] if m["form"] == "original" and m["record_type"]) >= 2
        ),
    )
    checked = {m["record_type"] for m in item["materials"] if m["form"] == "original" and m["record_type"]}
    case = case_accept(
        staff=alice, item_code=item["code"], applicant=applicant.id_number, materials=_all_received(item)
    ).case
    records = VerifiedRecord.objects.filter(person=applicant, trust_level="B", source_ref=case.number)
    assert {r.record_type for r in records} == checked
    assert all(r.verified_by_id == alice.pk and r.source_kind == "case" for r in records)
    audited = AuditRecord.objects.filter(action="record.added", object_type="people.verifiedrecord")
    assert {int(a.object_id) for a in audited} >= {r.pk for r in records}
    assert all(a.actor_id == alice.pk for a in audited if int(a.object_id) in {r.pk for r in records})


def test_a_result_issued_by_one_department_spares_its_material_in_another_departments_case(
    demo_catalog, alice, applicant
):
    """Public security's residence permit (an instant item) becomes a level-A record; the education bureau's
    enrolment then waives the permit on that record, logs the use, and shows it on the case."""
    from onedoor.people.models import DataAccess

    permit = _item(demo_catalog, lambda i: i["code"].endswith("GA-006"))
    enrolment = _item(demo_catalog, lambda i: i["code"].endswith("JY-001"))
    assert permit["department"] != enrolment["department"]
    issued = case_accept(
        staff=alice, item_code=permit["code"], applicant=applicant.id_number, materials=_all_received(permit)
    )
    record = VerifiedRecord.objects.get(pk=issued.certificate.record_id)
    assert record.trust_level == "A" and record.record_type == permit["result_record_type"]
    needs_permit = [
        m["code"]
        for m in enrolment["materials"]
        if m["source"] == "settled" and m["record_type"] == permit["result_record_type"]
    ]
    brought = [m for m in _all_received(enrolment) if m["code"] not in needs_permit]
    later = case_accept(
        staff=alice, item_code=enrolment["code"], applicant=applicant.id_number, materials=brought
    ).case
    waived = {m.code: m for m in later.materials.filter(status="waived")}
    assert set(needs_permit) <= set(waived)
    assert all(waived[code].record_id == record.pk for code in needs_permit)
    use = DataAccess.objects.get(record=record, kind="use")
    assert use.department_id == later.department_id and later.number in use.purpose


@pytest.mark.parametrize("channel", ["online", "kiosk"])
def test_an_application_away_from_a_window_settles_no_level_b_record(demo_catalog, alice, applicant, channel):
    item = _item(
        demo_catalog,
        lambda i: (
            i["subject"] == "person"
            and not i["levels"]
            and not i["trust_first"]
            and any(m["form"] == "original" and m["record_type"] for m in i["materials"])
        ),
    )
    case = case_accept(
        staff=alice,
        item_code=item["code"],
        applicant=applicant.id_number,
        materials=_all_received(item),
        channel=channel,
    ).case
    assert not VerifiedRecord.objects.filter(trust_level="B", source_ref=case.number).exists()
    assert not case.materials.filter(checked_original=True).exists()


def test_an_original_whose_checks_failed_settles_nothing(demo_catalog, alice, applicant):
    item = _item(
        demo_catalog,
        lambda i: (
            i["subject"] == "person"
            and not i["levels"]
            and not i["trust_first"]
            and any(
                m["form"] == "original"
                and m["record_type"]
                and m["necessity"] == "optional"
                and m["criteria"]
                for m in i["materials"]
            )
        ),
    )
    optional = next(
        m
        for m in item["materials"]
        if m["form"] == "original" and m["record_type"] and m["necessity"] == "optional" and m["criteria"]
    )
    materials = _all_received(item)
    for given in materials:
        if given["code"] == optional["code"]:
            given["criteria"] = {c: False for c in given["criteria"]}
    case = case_accept(
        staff=alice, item_code=item["code"], applicant=applicant.id_number, materials=materials
    ).case
    settled = VerifiedRecord.objects.filter(trust_level="B", source_ref=case.number)
    assert optional["record_type"] not in {r.record_type for r in settled}


@pytest.mark.parametrize(
    "valid",
    [{"valid_from": 30}, {"valid_until": -1}],
    ids=["not yet valid", "expired"],
)
def test_a_record_that_is_not_valid_today_waives_nothing(chancheng, demo_catalog, alice, applicant, valid):
    from datetime import timedelta

    from django.utils import timezone

    item = _item(
        demo_catalog,
        lambda i: (
            i["subject"] == "person"
            and not i["levels"]
            and any(m["source"] == "settled" and m["record_type"] for m in i["materials"])
        ),
    )
    material = next(m for m in item["materials"] if m["source"] == "settled" and m["record_type"])
    today = timezone.localdate()
    dates = {name: today + timedelta(days=days) for name, days in valid.items()}
    people_services.record_add(
        district=chancheng,
        person=applicant,
        record_type=material["record_type"],
        payload={},
        source_kind="document",
        trust_level="A",
        actor=alice,
        **dates,
    )
    case = case_accept(
        staff=alice, item_code=item["code"], applicant=applicant.id_number, materials=_all_received(item)
    ).case
    line = case.materials.get(code=material["code"])
    assert line.status == "received" and line.record_id is None
