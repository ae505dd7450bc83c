"""容缺逾期: the sweep stops a case whose later materials missed their deadline — as the system, with the reason
in the trail and a bad credit record — and leaves alone a case whose materials arrived."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from onedoor.cases.actions import case_act
from onedoor.cases.models import Case, TrailEntry
from onedoor.cases.services import case_accept
from onedoor.cases.sweep import cases_sweep
from onedoor.cases.trail import trail_verify
from onedoor.core import clock
from onedoor.core.errors import DomainError
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.models import CreditRecord

ITEM = "440604-MZ-008"  # promised in 5 working days; one material may be supplied later


@pytest.fixture
def applicants(chancheng, alice):
    people = []
    for n, name in enumerate(["梁晓彤", "何家豪"]):
        body = f"44060419850{n + 1}02123"
        people.append(
            people_services.person_register(
                district=chancheng,
                id_number=body + idnumbers.resident_check_char(body),
                name=name,
                actor=alice,
            )
        )
    return people


def _with_gaps(demo_catalog, alice, person) -> Case:
    item = next(i for i in demo_catalog if i["code"] == ITEM)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
        if m["necessity"] != "later"
    ]
    return case_accept(
        staff=alice, item_code=ITEM, applicant=person.id_number, materials=materials, mode="with_gaps"
    ).case


def test_the_sweep_stops_only_cases_whose_later_materials_missed_the_deadline(
    demo_catalog, alice, applicants, capsys
):
    late = _with_gaps(demo_catalog, alice, applicants[0])
    kept = _with_gaps(demo_catalog, alice, applicants[1])
    later_code = kept.materials.get(status="later").code
    checked = {c["id"]: True for m in kept.version.materials.filter(code=later_code) for c in m.criteria}
    case_act(staff=alice, number=kept.number, action="supply_gap", materials=[later_code], criteria=checked)
    assert late.gaps_deadline is not None

    assert cases_sweep().stopped == []  # before the deadline nothing happens
    with pytest.raises(DomainError) as refused:  # nor may anyone stop it early by hand
        case_act(staff=alice, number=late.number, action="stop_for_gaps", reason="早停")
    assert refused.value.code == "gaps_not_overdue"

    with clock.frozen_at(late.gaps_deadline + timedelta(minutes=1)):
        call_command("cases", "sweep", "--district", "440604")
        again = cases_sweep()
    assert f"stopped {late.number}" in capsys.readouterr().out
    assert again.stopped == []  # idempotent

    late.refresh_from_db()
    kept.refresh_from_db()
    assert late.status == "stopped" and late.closed_at is not None
    assert "未在" in late.outcome_reason and "补齐" in late.outcome_reason
    assert kept.status != "stopped"
    entry = TrailEntry.objects.filter(case=late).order_by("-seq").first()
    assert (entry.action, entry.role, entry.actor_label, entry.actor) == (
        "stop_for_gaps",
        "system",
        "system",
        None,
    )
    assert trail_verify(late) == []
    bad = CreditRecord.objects.get(person=applicants[0], reason_code="gaps_missed")
    assert bad.kind == "bad" and bad.source_ref == late.number
    assert not CreditRecord.objects.filter(person=applicants[1], kind="bad").exists()
    good = CreditRecord.objects.get(person=applicants[1])  # supplied before the deadline: on-time supply
    assert (good.kind, good.reason_code, good.source_ref) == ("good", "gaps_supplied_on_time", kept.number)
