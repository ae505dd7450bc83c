"""The citizen's credit through the API: the same level and records as the page, only their own; an appeal
filed once (the same appeal sent again answers with it), another person's record not found, and the session's
CSRF token required on the write."""

import json

import pytest
from django.test import Client

from onedoor.citizens.tests.test_credit_pages import _bad, _number, citizen_session
from onedoor.people import services as people_services
from onedoor.people.models import CreditAppeal

pytestmark = pytest.mark.django_db
URL = "/api/v1/portal/credit"


@pytest.fixture
def mei(chancheng, alice):
    return people_services.person_register(
        district=chancheng, id_number=_number("44060419900101123"), name="梁美玲", actor=alice
    )


def _appeal(client, record_id, reasons, csrf=True):
    return client.post(
        f"{URL}/records/{record_id}/appeal",
        json.dumps({"reasons": reasons}),
        content_type="application/json",
        **({"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value} if csrf else {}),
    )


def test_the_citizen_reads_their_level_and_appeals_a_record_once(chancheng, mei, alice):
    client = Client(enforce_csrf_checks=True)
    assert client.get(URL).status_code == 401
    citizen_session(client, mei)
    client.get("/citizen/credit/")  # the page sets the CSRF cookie the API's writes need
    record = _bad(chancheng, mei)
    body = client.get(URL).json()
    mine = body["profiles"][0]
    assert mine["holder"] == "person" and mine["level"] == "D" and not mine["trusted"]
    assert [r["id"] for r in mine["records"]] == [record.pk]
    assert mine["records"][0]["ledger_index"] is not None

    assert _appeal(client, record.pk, "承诺属实，有材料为证", csrf=False).status_code == 403
    first = _appeal(client, record.pk, "承诺属实，有材料为证")
    assert first.status_code == 201 and first.json()["status"] == "open"
    again = _appeal(client, record.pk, "承诺属实，有材料为证")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    other = _appeal(client, record.pk, "另一个理由")
    assert other.status_code == 409
    assert CreditAppeal.objects.filter(record=record).count() == 1
    assert client.get(URL).json()["profiles"][0]["records"][0]["appeals"][0]["status"] == "open"


def test_another_persons_record_is_not_found(chancheng, mei, alice):
    other = people_services.person_register(
        district=chancheng, id_number=_number("44060419920202123"), name="何家豪", actor=alice
    )
    record = _bad(chancheng, other)
    client = Client(enforce_csrf_checks=True)
    citizen_session(client, mei)
    client.get("/citizen/credit/")
    assert _appeal(client, record.pk, "不是我的").status_code == 404
    assert client.get(URL).json()["profiles"][0]["records"] == []
