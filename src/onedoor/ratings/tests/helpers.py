"""Shared steps of the rating tests: a visit served at a window, a concluded case, staff of a department."""

from __future__ import annotations

import uuid

from onedoor.cases.services import case_accept
from onedoor.conftest import PASSWORD
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.ratings.services import pad_pair
from onedoor.staffdesk.tests.casework import instant_item
from onedoor.tickets import services as tickets


def window_of(alice):
    return tickets.window_of(staff=alice, centre_code=alice.centre.code, number="01")


def served_visit(alice, item=None):
    """A ticket taken, called to window 01 and served by alice."""
    window = window_of(alice)
    tickets.ticket_take(centre=window.centre, item=item, actor=alice)
    tickets.ticket_call_next(staff=alice, window=window)
    return tickets.ticket_finish(staff=alice, window=window)


def pad_for(alice):
    _pad, secret = pad_pair(staff=alice, window=window_of(alice))
    return secret


def department_staff(district, username, department, role=Role.UNDERTAKER):
    return district_services.staff_create(
        district=district, username=username, password=PASSWORD, roles=[(role, department)]
    )


def supervisor(district, username="sam"):
    return district_services.staff_create(
        district=district, username=username, password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
    )


def concluded_case(alice, person, catalog):
    """An instant case accepted for `person` at alice's window: completed on the spot."""
    item = instant_item(catalog)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    result = case_accept(
        staff=alice,
        item_code=item["code"],
        applicant=person.id_number,
        materials=materials,
        window=window_of(alice),
    )
    assert result.case.status == "completed", result.case.status
    return result.case


def citizen(client, person):
    session = client.session
    session["citizen"] = {
        "person": person.pk,
        "level": 4,
        "name": person.name,
        "enterprises": [],
        "acting": None,
    }
    session.save()
    return client


def key() -> dict:
    return {"HTTP_IDEMPOTENCY_KEY": uuid.uuid4().hex}


def rate_visit(client, secret, ticket, level, **fields):
    body = {"ticket": ticket.pk, "level": level, **fields}
    headers = {"HTTP_X_RATING_PAD": secret, **(fields.pop("headers", None) or key())}
    body.pop("headers", None)
    return client.post("/api/v1/ratings/visits", body, content_type="application/json", **headers)
