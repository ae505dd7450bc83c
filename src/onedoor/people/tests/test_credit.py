"""Credit records on the ledger and their appeals (services): the entry's public part holds no personal data
and its committed record names the holder; an appeal and its decision append their own entries and audit
records and never edit the record; one live appeal per record; a decision once; supervisors of the district
only."""

import json

import pytest
from django.utils import translation

from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.core.models import AuditRecord
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.ledger.models import LedgerEntry
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.credit import credit_assessment, credit_record_add, trust_refusal
from onedoor.people.credit_appeals import credit_appeal_decide, credit_appeal_file
from onedoor.people.models import CreditRecord

PASSWORD = "correct horse battery staple"


def _number(body17):
    return body17 + idnumbers.resident_check_char(body17)


@pytest.fixture
def mei(chancheng, alice):
    return people_services.person_register(
        district=chancheng, id_number=_number("44060419900101123"), name="梁美玲", actor=alice
    )


@pytest.fixture
def vera(chancheng):
    return district_services.staff_create(
        district=chancheng, username="vera", password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
    )


def _false_commitment(chancheng, person, alice):
    return credit_record_add(
        district=chancheng,
        person=person,
        kind="bad",
        reason_code="result_revoked",
        reason="核查发现承诺不实",
        source_ref="CASE-1",
        false_promise=True,
        actor=alice,
    )


def test_a_record_is_appended_to_the_ledger_with_no_personal_data_in_public(chancheng, mei, alice):
    record = _false_commitment(chancheng, mei, alice)
    record.refresh_from_db()
    entry = LedgerEntry.objects.get(district=chancheng, index=record.ledger_index)
    body = json.loads(entry.body)
    assert entry.kind == body["kind"] == "credit.bad"
    assert set(body) == {"v", "kind", "at", "reason_code", "rule", "digest"}
    assert (body["reason_code"], body["rule"]) == ("result_revoked", "credit-rule/1")
    for personal in (mei.id_number, mei.name, "核查发现承诺不实", "CASE-1"):
        assert personal not in entry.body
    private = json.loads(entry.opening)
    assert private["holder_type"] == "person" and private["holder"] == mei.id_number
    assert (private["record"], private["false_promise"], private["source_ref"]) == (record.pk, True, "CASE-1")


def test_a_record_that_fails_rolls_back_its_ledger_entry(chancheng, mei):
    with pytest.raises(DomainError):
        credit_record_add(district=chancheng, person=mei, kind="bad", reason_code="x", reason=" ")
    assert not LedgerEntry.objects.filter(district=chancheng, kind__startswith="credit.").exists()


def test_the_refusal_names_the_level_and_the_records_behind_it(chancheng, mei, alice):
    assert trust_refusal(district=chancheng, person=mei) is None
    credit_record_add(
        district=chancheng, person=mei, kind="bad", reason_code="gaps_missed", reason="逾期", source_ref="C-9"
    )
    refusal = str(trust_refusal(district=chancheng, person=mei))
    assert "C" in refusal and "credit-rule/1" in refusal and "C-9" in refusal
    credit_record_add(
        district=chancheng, person=mei, kind="good", reason_code="commitment_kept", reason="守信"
    )
    assert trust_refusal(district=chancheng, person=mei) is None  # −2 + 1: level B again


def test_a_past_false_commitment_is_named_in_the_refusal(chancheng, mei, alice):
    _false_commitment(chancheng, mei, alice)
    with translation.override("en"):
        refusal = str(trust_refusal(district=chancheng, person=mei))
    assert "found false" in refusal and "D" in refusal and "CASE-1" in refusal
    with translation.override("zh-hans"):  # the default language says it in Chinese
        assert "承诺被查实不实" in str(trust_refusal(district=chancheng, person=mei))


def test_an_upheld_appeal_appends_and_takes_the_record_out_of_the_level(chancheng, mei, alice, vera):
    record = _false_commitment(chancheng, mei, alice)
    assert credit_assessment(district=chancheng, person=mei).level == "D"
    appeal = credit_appeal_file(person=mei, record_id=record.pk, reasons="承诺属实，有材料为证")
    filed = LedgerEntry.objects.get(district=chancheng, index=appeal.ledger_index)
    assert filed.kind == "credit.appeal" and json.loads(filed.body)["record_entry"] == record.ledger_index
    assert "承诺属实" not in filed.body and "承诺属实" in filed.opening
    decided = credit_appeal_decide(staff=vera, appeal_id=appeal.pk, upheld=True, reason="材料证明承诺属实")
    assert decided.status == "upheld" and decided.decided_by == vera and decided.decided_at
    entry = LedgerEntry.objects.get(district=chancheng, index=decided.decision_ledger_index)
    assert entry.kind == "credit.appeal_decided"
    assert (
        json.loads(entry.body)["outcome"] == "upheld"
        and json.loads(entry.body)["appeal_entry"] == filed.index
    )
    assert credit_assessment(district=chancheng, person=mei).level == "B"
    unchanged = CreditRecord.objects.get(pk=record.pk)
    assert (unchanged.kind, unchanged.false_promise, unchanged.reason) == ("bad", True, "核查发现承诺不实")
    actions = set(
        AuditRecord.objects.filter(object_type="people.creditappeal", object_id=str(appeal.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == {"credit.appeal_filed", "credit.appeal_upheld"}


def test_one_live_appeal_per_record_and_a_decision_only_once(chancheng, mei, alice, vera):
    record = _false_commitment(chancheng, mei, alice)
    appeal = credit_appeal_file(person=mei, record_id=record.pk, reasons="第一次")
    with pytest.raises(Conflict) as twice:
        credit_appeal_file(person=mei, record_id=record.pk, reasons="第一次")
    assert twice.value.code == "appeal_exists"
    credit_appeal_decide(staff=vera, appeal_id=appeal.pk, upheld=False, reason="核查属实")
    with pytest.raises(Conflict) as again:
        credit_appeal_decide(staff=vera, appeal_id=appeal.pk, upheld=True, reason="改判")
    assert again.value.code == "appeal_decided"
    second = credit_appeal_file(person=mei, record_id=record.pk, reasons="补充新的证据")  # after a rejection
    credit_appeal_decide(staff=vera, appeal_id=second.pk, upheld=True, reason="新证据成立")
    with pytest.raises(Conflict) as upheld:
        credit_appeal_file(person=mei, record_id=record.pk, reasons="再来")
    assert upheld.value.code == "appeal_upheld"


def test_appeals_need_reasons_and_the_holders_own_record(chancheng, mei, alice):
    record = _false_commitment(chancheng, mei, alice)
    with pytest.raises(DomainError) as empty:
        credit_appeal_file(person=mei, record_id=record.pk, reasons="  ")
    assert empty.value.code == "reasons_required"
    other = people_services.person_register(
        district=chancheng, id_number=_number("44060419920202123"), name="何家豪", actor=alice
    )
    with pytest.raises(NotFound):
        credit_appeal_file(person=other, record_id=record.pk, reasons="不是我的")


def test_only_a_supervisor_of_the_district_decides(chancheng, hetang, mei, alice, olivia, vera):
    record = _false_commitment(chancheng, mei, alice)
    appeal = credit_appeal_file(person=mei, record_id=record.pk, reasons="有误")
    with pytest.raises(Forbidden):
        credit_appeal_decide(staff=olivia, appeal_id=appeal.pk, upheld=True, reason="我来")
    elsewhere = district_services.staff_create(
        district=hetang, username="hana", password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
    )
    with pytest.raises(NotFound):
        credit_appeal_decide(staff=elsewhere, appeal_id=appeal.pk, upheld=True, reason="越区")
    with pytest.raises(DomainError) as no_reason:
        credit_appeal_decide(staff=vera, appeal_id=appeal.pk, upheld=True, reason="")
    assert no_reason.value.code == "decision_reason_required"
    appeal.refresh_from_db()
    assert appeal.status == "open"


def test_a_supervisor_does_not_decide_an_appeal_against_a_record_they_made(chancheng, mei, vera):
    record = _false_commitment(chancheng, mei, vera)  # recorded by vera herself
    appeal = credit_appeal_file(person=mei, record_id=record.pk, reasons="记录有误")
    with pytest.raises(Forbidden) as own:
        credit_appeal_decide(staff=vera, appeal_id=appeal.pk, upheld=False, reason="维持")
    assert own.value.code == "own_record"
