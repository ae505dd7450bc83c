"""Result delivery (物流交付) through the staff case page and the API: the choice (express only where the item
offers it, with a complete address), dispatch only once there is a result, the applicant told the tracking
number, the handover, what the progress pages show, and another district's staff kept out."""

from __future__ import annotations

import pytest

from onedoor.cases.services import case_accept
from onedoor.core.models import AuditRecord
from onedoor.delivery.models import Delivery
from onedoor.notifications.models import Notification
from onedoor.staffdesk.tests.casework import NEWCOMER, register_with_card

pytestmark = pytest.mark.django_db
INSTANT_EXPRESS = "440604-GA-020"  # 机动车驾驶证遗失补领: instant, express offered, only the ID card
PROMISED_EXPRESS = "440604-GA-018"  # 普通护照签发: promised, express offered
NO_EXPRESS = "440604-RS-008"  # 参保缴费证明打印: no express
ADDRESS = {"recipient": "林晓芸", "phone": "13700137000", "address": "佛山市禅城区祖庙路 8 号"}


@pytest.fixture
def applicant(chancheng, alice):
    return register_with_card(chancheng, alice)


def _accept(alice, catalog, code):
    item = next(i for i in catalog if i["code"] == code)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
        if m["source"] != "settled"
    ]
    return case_accept(staff=alice, item_code=code, applicant=NEWCOMER, materials=materials).case


def _act(client, case, **data):
    return client.post(f"/staff/cases/{case.number}/delivery/", data, follow=True).content.decode()


def test_express_from_choice_to_delivery_on_the_case_page(client, alice, demo_catalog, applicant):
    case = _accept(alice, demo_catalog, INSTANT_EXPRESS)  # instant: completed at the window
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.number}/").content.decode()
    assert 'id="case-delivery"' in page and 'value="express"' in page
    page = _act(client, case, action="choose", method="express", recipient="林晓芸", phone="123", address="x")
    assert not Delivery.objects.exists() and "11" in page  # the phone and the address are refused, with why
    _act(client, case, action="choose", method="express", **ADDRESS)
    delivery = Delivery.objects.get(case=case)
    assert delivery.method == "express" and delivery.status == "waiting" and delivery.chosen_by == "alice"
    page = _act(client, case, action="dispatch", carrier="EMS", tracking="no!")
    assert Delivery.objects.get(case=case).status == "waiting"
    _act(client, case, action="dispatch", carrier="EMS", tracking="ems1234567cn")
    delivery.refresh_from_db()
    assert delivery.status == "dispatched" and delivery.tracking_number == "EMS1234567CN"
    sms = Notification.objects.get(case=case, body__contains="EMS1234567CN")
    assert sms.to == "13700137000"
    page = _act(client, case, action="choose", method="pickup")
    assert Delivery.objects.get(case=case).method == "express"  # no change once dispatched
    _act(client, case, action="hand_over")
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.done_at
    assert AuditRecord.objects.filter(object_id=str(case.pk), action__startswith="delivery.").count() == 3

    public = client.post("/progress/", {"number": case.number, "tail": NEWCOMER[-4:]}).content.decode()
    assert 'id="progress-delivery"' in public and "EMS1234567CN" in public


def test_no_express_where_the_item_does_not_offer_it_and_pickup_is_recorded(
    client, alice, demo_catalog, applicant
):
    case = _accept(alice, demo_catalog, NO_EXPRESS)
    client.force_login(alice)
    assert 'value="express"' not in client.get(f"/staff/cases/{case.number}/").content.decode()
    _act(client, case, action="choose", method="express", **ADDRESS)
    assert not Delivery.objects.exists()
    _act(client, case, action="hand_over")  # the applicant collected it at the window
    delivery = Delivery.objects.get(case=case)
    assert delivery.method == "pickup" and delivery.status == "picked_up"


def test_the_api_dispatches_only_a_result_that_exists_and_retries_are_safe(
    client, alice, bob, bearer, demo_catalog, applicant
):
    case = _accept(alice, demo_catalog, PROMISED_EXPRESS)  # promised: no result yet
    api, headers = f"/api/v1/delivery/{case.number}", bearer(alice)
    assert client.get(api, **headers).status_code == 404  # nothing chosen yet
    chosen = client.put(api, {"method": "express", **ADDRESS}, content_type="application/json", **headers)
    assert chosen.status_code == 200 and chosen.json()["phone"] == "137****7000"
    dispatch = {"carrier": "顺丰速运", "tracking_number": "SF1234567890"}
    early = client.post(f"{api}/dispatch", dispatch, content_type="application/json", **headers)
    assert early.status_code == 409 and early.json()["code"] == "no_result_yet"

    case = _accept(alice, demo_catalog, INSTANT_EXPRESS)  # instant: the result is issued at once
    api = f"/api/v1/delivery/{case.number}"
    client.put(api, {"method": "express", **ADDRESS}, content_type="application/json", **headers)
    first = client.post(f"{api}/dispatch", dispatch, content_type="application/json", **headers)
    again = client.post(f"{api}/dispatch", dispatch, content_type="application/json", **headers)
    assert first.status_code == again.status_code == 200 and again.json()["status"] == "dispatched"
    assert Notification.objects.filter(case=case, body__contains="SF1234567890").count() == 1
    other = client.post(
        f"{api}/dispatch",
        {**dispatch, "tracking_number": "SF999999999"},
        content_type="application/json",
        **headers,
    )
    assert other.status_code == 409
    done = client.post(f"{api}/hand-over", **headers)
    assert done.status_code == 200 and done.json()["status"] == "delivered"
    assert client.get(api, **bearer(bob)).status_code == 404  # another district's staff
