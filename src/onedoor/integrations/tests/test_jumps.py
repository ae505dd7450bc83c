"""Jump links (跳转): the officer opens the case in the department's own system through a signed link that
names the case and the officer, expires in 2 minutes and can be redeemed once; the case page lists the
messages exchanged with the system."""

import hmac
import json
import time
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from onedoor.cases.services import case_accept
from onedoor.core import clock
from onedoor.core.models import AuditRecord
from onedoor.districts.services import backend_system_register
from onedoor.integrations import delivery
from onedoor.integrations.delivery import signature
from onedoor.integrations.jumps import jump_payload
from onedoor.integrations.services import connector_configure, route_set
from onedoor.integrations.tests.backend import Backend
from onedoor.people import idnumbers
from onedoor.people import services as people_services

TRANSFER = "440604-BDC-002"
SECRET = "the-bdc-systems-jump-link-secret"


@pytest.fixture
def backend():
    server = Backend(SECRET)
    yield server
    server.close()


@pytest.fixture
def case(chancheng, adam, alice, demo_catalog, backend):
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    connector, _ = connector_configure(
        system=system,
        base_url=backend.url,
        secret=SECRET,
        jump_url="https://bdc.example.gov.cn/open?from=onedoor",
    )
    route_set(connector=connector, decides=["approve"], actor=adam)
    body = "44060419690909123"
    person = people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="欧阳建国", actor=alice
    )
    item = next(i for i in demo_catalog if i["code"] == TRANSFER)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    return case_accept(staff=alice, item_code=TRANSFER, applicant=person.id_number, materials=materials).case


def _redeem(client, nonce, *, secret=SECRET):
    body, ts = b"{}", str(int(time.time()))
    return client.post(
        f"/api/v1/integrations/BDC-SYS/jumps/{nonce}/redeem",
        body,
        content_type="application/json",
        HTTP_X_ONEDOOR_TIMESTAMP=ts,
        HTTP_X_ONEDOOR_SIGNATURE=signature(secret, ts, body),
    )


def test_an_officer_opens_the_case_in_the_back_end_once(client, olivia, case):
    client.force_login(olivia)
    page = client.get(reverse("staff-case", args=[case.number])).content.decode()
    assert 'id="jump-BDC-SYS"' in page
    response = client.post(reverse("staff-case-jump", args=[case.number, "BDC-SYS"]))
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert (url.scheme, url.netloc, url.path) == ("https", "bdc.example.gov.cn", "/open")
    q = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert (q["from"], q["case"], q["officer"]) == ("onedoor", case.number, "olivia")
    assert 0 < int(q["exp"]) - time.time() <= 120
    expected = signature(SECRET, q["ts"], jump_payload(q["case"], q["officer"], int(q["exp"]), q["nonce"]))
    assert hmac.compare_digest(expected, q["sig"])  # what the back-end checks
    assert AuditRecord.objects.filter(action="case.jump", actor=olivia).exists()

    first = _redeem(client, q["nonce"])
    assert (
        first.status_code == 200
        and first.json()["case"] == case.number
        and first.json()["officer"] == "olivia"
    )
    assert _redeem(client, q["nonce"]).status_code == 409  # one use
    assert _redeem(client, q["nonce"], secret="someone-elses-secret-value").status_code == 403


def test_a_link_redeemed_after_two_minutes_is_refused(client, olivia, case):
    client.force_login(olivia)
    response = client.post(reverse("staff-case-jump", args=[case.number, "BDC-SYS"]))
    nonce = parse_qs(urlsplit(response["Location"]).query)["nonce"][0]
    with clock.frozen_at(clock.now() + timedelta(minutes=2, seconds=1)):
        late = _redeem(client, nonce)
    assert late.status_code == 409 and late.json()["code"] == "jump_expired"


def test_staff_who_may_not_see_the_case_get_no_link(client, bob, case):
    client.force_login(bob)
    assert client.post(reverse("staff-case-jump", args=[case.number, "BDC-SYS"])).status_code == 404


def test_the_case_page_lists_the_messages_with_the_system(client, olivia, case, backend):
    delivery.deliver_due()
    client.force_login(olivia)
    page = client.get(reverse("staff-case", args=[case.number]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    outbox = page.split('id="case-outbox"', 1)[1].split("</table>", 1)[0]
    assert "不动产登记系统" in outbox and "accepted" in outbox and "delivered" in outbox
    log = page.split('id="case-message-log"', 1)[1].split("</table>", 1)[0]
    assert "BDC-SYS" in log and "200" in log
    assert json.loads(json.dumps(backend.acted))[0]["case"]["number"] == case.number
