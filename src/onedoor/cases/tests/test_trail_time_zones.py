"""The trail's hash chain holds whatever UTC offset a moment was written with."""

from datetime import UTC, datetime

from django.utils import timezone

from onedoor.cases.services import case_accept
from onedoor.cases.trail import trail_append, trail_verify
from onedoor.core import clock
from onedoor.people import services as people_services


def _instant_item(catalog):
    return next(i for i in catalog if i["kind"] == "instant" and i["subject"] == "person" and not i["levels"])


def test_an_entry_written_at_a_shanghai_moment_still_verifies(demo_catalog, alice):
    person = people_services.person_register(
        district=alice.district, id_number="44060419900101123X", name="张三丰", actor=alice
    )
    item = _instant_item(demo_catalog)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    moment = datetime(2025, 3, 4, 1, 30, tzinfo=UTC).astimezone(timezone.get_default_timezone())
    with clock.frozen_at(moment):
        case = case_accept(
            staff=alice, item_code=item["code"], applicant=person.id_number, materials=materials
        ).case
    trail_append(
        case=case,
        actor=alice,
        role="window_generalist",
        action="note",
        from_status=case.status,
        to_status=case.status,
        at=moment,
    )
    assert case.accepted_at == moment
    assert trail_verify(case) == []
