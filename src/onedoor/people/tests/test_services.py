"""Registering persons and enterprises, importing registers, and keeping verified records."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from onedoor.core.errors import Conflict, DomainError
from onedoor.core.models import AuditRecord
from onedoor.people import services
from onedoor.people.models import AccessKind, DataAccess, Enterprise, Person, VerifiedRecord
from onedoor.people.tests.factories import credit_code, resident

CREDIT_CODE = "91350100M000100Y43"


def person_rows(count: int) -> list[dict]:
    return [{"id_number": resident(f"44060419800101{n:03d}"), "name": f"李{n}"} for n in range(count)]


# --- persons --------------------------------------------------------------------------------------


def test_registering_a_person_derives_birth_date_sex_and_region(chancheng, alice):
    person = services.person_register(
        district=chancheng, id_number=" 44060419900101123x ", name="张三丰", phone="13812345678", actor=alice
    )
    assert person.id_number == "44060419900101123X"
    assert (person.birth_date, person.sex, person.region_code) == (date(1990, 1, 1), "M", "440604")
    record = AuditRecord.objects.get(action="person.registered")
    assert record.actor == alice and record.object_id == str(person.pk)


def test_a_person_cannot_be_registered_twice_in_a_district(zhang, chancheng, alice):
    with pytest.raises(Conflict) as caught:
        services.person_register(district=chancheng, id_number="44060419900101123x", name="张三", actor=alice)
    assert caught.value.code == "person_exists"
    with translation.override("en"):
        assert "already registered" in str(caught.value.message)


def test_the_same_person_may_be_known_to_two_districts(zhang, hetang):
    other = services.person_register(district=hetang, id_number=zhang.id_number, name="张三丰", actor=None)
    assert other.district == hetang


def test_registering_refuses_a_bad_number_with_its_reason(chancheng, alice):
    with pytest.raises(DomainError) as caught:
        services.person_register(district=chancheng, id_number="440604199001011230", name="张三", actor=alice)
    assert caught.value.code == "check_char"
    assert caught.value.details["field"] == "id_number"
    assert not Person.objects.exists()


def test_registering_refuses_a_missing_name_and_a_bad_phone(chancheng, alice):
    with pytest.raises(DomainError) as caught:
        services.person_register(
            district=chancheng, id_number="44060419900101123X", name=" ", phone="call me", actor=alice
        )
    fields = {p["field"] for p in caught.value.details["problems"]}
    assert fields == {"name", "phone"}


def test_staff_of_another_district_cannot_register_here(chancheng, bob):
    with pytest.raises(DomainError) as caught:
        services.person_register(district=chancheng, id_number="44060419900101123X", name="张三", actor=bob)
    assert caught.value.code == "cross_district"


# --- imports --------------------------------------------------------------------------------------


def test_a_register_imports_all_rows_with_one_audit_record(chancheng, adam):
    created = services.persons_import(district=chancheng, rows=person_rows(25), actor=adam)
    assert len(created) == 25
    assert Person.objects.filter(district=chancheng).count() == 25
    audit = AuditRecord.objects.get(action="persons.imported")
    assert audit.data == {"count": 25}


def test_a_bad_import_writes_nothing_and_lists_each_bad_row(chancheng, adam, zhang):
    rows = person_rows(6)
    rows[1]["id_number"] = rows[1]["id_number"][:-1] + ("0" if rows[1]["id_number"][-1] != "0" else "1")
    rows[3]["name"] = ""
    rows[4]["id_number"] = rows[0]["id_number"]
    rows[5]["id_number"] = zhang.id_number.lower()
    with pytest.raises(DomainError) as caught:
        services.persons_import(district=chancheng, rows=rows, actor=adam, first_row=2)
    error = caught.value
    assert error.code == "import_invalid"
    problems = [(p["row"], p["field"], p["code"]) for p in error.details["problems"]]
    assert problems == [
        (3, "id_number", "check_char"),
        (5, "name", "required"),
        (6, "id_number", "duplicate_in_file"),
        (7, "id_number", "already_registered"),
    ]
    with translation.override("en"):
        assert str(error.message) == "Nothing was imported: 4 rows have problems."
    assert list(Person.objects.filter(district=chancheng)) == [zhang]
    assert not AuditRecord.objects.filter(action="persons.imported").exists()


def test_an_enterprise_register_imports_and_checks_the_representatives_number(chancheng, adam):
    rows = [
        {
            "uscc": credit_code("MA4U0001"),
            "name": "佛山市禅城区华盛陶瓷有限公司",
            "representative_id_number": "44060419900101123x",
        },
        {
            "uscc": credit_code("MA4U0002"),
            "name": "佛山市禅城区鸿图五金有限公司",
            "representative_id_number": "440604199001011230",
        },
    ]
    with pytest.raises(DomainError) as caught:
        services.enterprises_import(district=chancheng, rows=rows, actor=adam)
    assert [(p["row"], p["field"]) for p in caught.value.details["problems"]] == [
        (2, "representative_id_number")
    ]
    rows.pop()
    created = services.enterprises_import(district=chancheng, rows=rows, actor=adam)
    assert created[0].representative_id_number == "44060419900101123X"


def test_an_enterprise_is_registered_once_by_its_credit_code(chancheng, alice):
    services.enterprise_register(district=chancheng, uscc=CREDIT_CODE.lower(), name="某某公司", actor=alice)
    assert Enterprise.objects.get().uscc == CREDIT_CODE
    with pytest.raises(Conflict):
        services.enterprise_register(district=chancheng, uscc=CREDIT_CODE, name="某某公司", actor=alice)


def test_an_enterprise_with_a_bad_credit_code_is_refused(chancheng, alice):
    with pytest.raises(DomainError) as caught:
        services.enterprise_register(
            district=chancheng, uscc="91350100M000100Y44", name="某某公司", actor=alice
        )
    assert caught.value.code == "check_char"


# --- records --------------------------------------------------------------------------------------


def add_record(district, person, **overrides):
    fields = {
        "district": district,
        "person": person,
        "record_type": "household_register",
        "payload": {"address": "祖庙路1号"},
        "source_kind": "department",
        "trust_level": "A",
        "source_department": district.test_department,
        "actor": None,
    }
    return services.record_add(**{**fields, **overrides})


def test_a_record_is_kept_with_source_and_trust_level_and_audited(chancheng, zhang, olivia):
    record = add_record(chancheng, zhang, trust_level="B", verified_by=olivia, actor=olivia)
    assert record.source_department == chancheng.test_department
    audit = AuditRecord.objects.get(action="record.added")
    assert audit.actor == olivia and audit.data["trust_level"] == "B"


def test_a_level_b_record_names_who_checked_the_original(chancheng, zhang):
    with pytest.raises(DomainError) as caught:
        add_record(chancheng, zhang, trust_level="B")
    assert caught.value.code == "verifier_required"


def test_a_record_refuses_a_department_of_another_district(chancheng, hetang, zhang):
    with pytest.raises(DomainError) as caught:
        add_record(chancheng, zhang, source_department=hetang.test_department)
    assert caught.value.code == "cross_district"


def test_a_record_refuses_a_person_of_another_district(chancheng, wang):
    with pytest.raises(DomainError) as caught:
        add_record(chancheng, wang)
    assert caught.value.code == "cross_district"


def test_a_record_cannot_expire_before_it_starts(chancheng, zhang):
    with pytest.raises(DomainError) as caught:
        add_record(chancheng, zhang, valid_from=date(2026, 1, 2), valid_until=date(2026, 1, 1))
    assert caught.value.code == "record_validity"


def test_a_revoked_record_stays_but_cannot_be_used(chancheng, zhang, alice, adam):
    record = add_record(chancheng, zhang)
    services.record_revoke(record=record, reason="注销", actor=adam)
    record.refresh_from_db()
    assert record.revoked_at is not None
    assert AuditRecord.objects.get(action="record.revoked").reason == "注销"
    with pytest.raises(DomainError) as caught:
        services.record_use(staff=alice, department=None, record=record, purpose="办理出生登记")
    assert caught.value.code == "record_not_current"
    with pytest.raises(Conflict):
        services.record_revoke(record=record, reason="again", actor=adam)


def test_each_use_of_a_record_is_logged_for_the_person(chancheng, zhang, olivia):
    record = add_record(chancheng, zhang)
    access = services.record_use(
        staff=olivia, department=chancheng.test_department, record=record, purpose="不动产登记核验户籍"
    )
    assert access.kind == AccessKind.USE
    assert access.person == zhang and access.record == record
    assert DataAccess.objects.filter(person=zhang).count() == 1


def test_a_use_needs_a_purpose(chancheng, zhang, olivia):
    record = add_record(chancheng, zhang)
    with pytest.raises(DomainError) as caught:
        services.record_use(staff=olivia, department=None, record=record, purpose="  ")
    assert caught.value.code == "purpose_required"


def test_staff_of_another_district_cannot_use_a_record(chancheng, zhang, bob):
    record = add_record(chancheng, zhang)
    with pytest.raises(DomainError) as caught:
        services.record_use(staff=bob, department=None, record=record, purpose="查看")
    assert caught.value.code == "cross_district"
    assert not DataAccess.objects.exists()


def test_an_expired_record_cannot_be_used(chancheng, zhang, alice):
    record = add_record(chancheng, zhang, valid_until=date.today() - timedelta(days=400))
    with pytest.raises(DomainError):
        services.record_use(staff=alice, department=None, record=record, purpose="核验")
    assert VerifiedRecord.objects.count() == 1
