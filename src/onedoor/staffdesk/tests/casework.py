"""Shared steps of the case-spine page tests: pick demo items, register an applicant at the desk, fill the
acceptance form and the action forms as a person at the window or in the back office would."""

from __future__ import annotations

from django.urls import reverse

from onedoor.people import idnumbers
from onedoor.people.models import Person

TRANSFER = "440604-BDC-002"  # 不动产转移登记（二手房买卖）: promised, undertake → review → approve → complete


def resident(body17: str) -> str:
    return body17 + idnumbers.resident_check_char(body17)


NEWCOMER = resident("44060419880808123")


def item(catalog, code: str) -> dict:
    return next(i for i in catalog if i["code"] == code)


def instant_item(catalog) -> dict:
    """An instant item for persons that a district centre may handle."""
    return next(
        i
        for i in catalog
        if i["kind"] == "instant"
        and i["subject"] == "person"
        and (not i["levels"] or "district" in i["levels"])
        and not i["trust_first"]
    )


def register_at_desk(client, number: str = NEWCOMER, name: str = "林晓芸") -> Person:
    """Identify an unknown applicant at the desk and register them there (identity checked at the window)."""
    client.post(reverse("staff-desk"), {"number": number})
    response = client.post(reverse("staff-desk-register"), {"number": number, "name": name})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Person.objects.get(id_number=number)


def acceptance_form(client, person: Person, code: str) -> dict:
    """GET the acceptance form; returns the hidden fields a browser would send back."""
    page = client.get(reverse("staff-desk-accept", args=["person", person.pk, code])).content.decode()
    key = page.split('name="key" value="', 1)[1].split('"', 1)[0]
    waived = page.split('name="commitment_waived" value="', 1)[1].split('"', 1)[0]
    return {"key": key, "commitment_waived": waived}


def everything_received(catalog_item: dict, *, skip=()) -> dict:
    """Form data ticking every material as received and every criterion as met."""
    return {
        "received": [m["code"] for m in catalog_item["materials"] if m["code"] not in skip],
        "criteria": [
            c["id"] for m in catalog_item["materials"] for c in m["criteria"] if m["code"] not in skip
        ],
    }


def accept(client, person: Person, catalog_item: dict, **data):
    form = {**acceptance_form(client, person, catalog_item["code"]), "mode": "normal", **data}
    return client.post(reverse("staff-desk-accept", args=["person", person.pk, catalog_item["code"]]), form)


def all_criteria(catalog_item: dict) -> list[str]:
    return [c["id"] for m in catalog_item["materials"] for c in m["criteria"]]


def act(client, case, action: str, **data):
    """POST an action form of the case page, with the revision the page showed."""
    case.refresh_from_db()
    headers = {k: data.pop(k) for k in list(data) if k.startswith("HTTP_")}
    form = {"action": action, "revision": case.revision, **data}
    return client.post(reverse("staff-case-act", args=[case.number]), form, **headers)


def register_with_card(district, staff, number: str = NEWCOMER, name: str = "林晓芸", **fields) -> Person:
    """A person registered with their ID card checked at a window (a level-B `id_card` record), as the desk
    registers a newcomer: the settled record that spares the ID card material of most items."""
    from onedoor.people import services as people_services  # noqa: PLC0415

    person = people_services.person_register(
        district=district, id_number=number, name=name, identity_level=5, actor=staff, **fields
    )
    people_services.record_add(
        district=district,
        person=person,
        record_type="id_card",
        payload={"checked": "counter"},
        source_kind="document",
        source_ref="居民身份证（窗口核验）",
        trust_level="B",
        verified_by=staff,
        actor=staff,
    )
    return person
