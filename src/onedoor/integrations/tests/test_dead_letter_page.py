"""Dead letters are an alert for supervisors: the staff home says how many messages were not delivered; the
page lists them with the error, and replaying from it queues them again (audited) and they are delivered."""

import pytest
from django.urls import reverse

from onedoor.cases.services import case_accept
from onedoor.core.models import AuditRecord
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.districts.services import backend_system_register
from onedoor.integrations import delivery
from onedoor.integrations.models import OutboxMessage
from onedoor.integrations.services import connector_configure, route_set
from onedoor.integrations.tests.backend import Backend
from onedoor.people import idnumbers
from onedoor.people import services as people_services

SECRET = "the-secret-for-the-dead-letter-page"
TRANSFER = "440604-BDC-002"


@pytest.fixture
def sam(chancheng, adam):
    return district_services.staff_create(
        district=chancheng,
        username="sam",
        password="a-long-passphrase-for-sam",
        roles=[(Role.SUPERVISOR, None)],
        actor=adam,
    )


@pytest.fixture
def dead(chancheng, adam, alice, demo_catalog):
    backend = Backend(SECRET)
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    connector, _ = connector_configure(system=system, base_url=backend.url, secret=SECRET)
    route_set(connector=connector, actor=adam)
    body = "44060419770707123"
    person = people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="黎明辉", actor=alice
    )
    item = next(i for i in demo_catalog if i["code"] == TRANSFER)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    case_accept(staff=alice, item_code=TRANSFER, applicant=person.id_number, materials=materials)
    backend.failures = [410]
    delivery.deliver_due()
    assert OutboxMessage.objects.get().status == "dead"
    yield backend
    backend.close()


def test_a_supervisor_is_alerted_and_replays_the_dead_letter(client, sam, dead):
    client.force_login(sam)
    home = client.get(reverse("staff-home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        'id="dead-letter-alert"' in home and "1 message to a department system could not be delivered" in home
    )
    page = client.get(reverse("staff-dead-letters")).content.decode()
    message = OutboxMessage.objects.get()
    assert "不动产登记系统" in page and message.case.number in page
    response = client.post(reverse("staff-dead-letters"), {"message": [message.pk]})
    assert response.status_code == 302
    assert AuditRecord.objects.filter(action="outbox.replayed", actor=sam).exists()
    assert delivery.deliver_due() == 1
    assert OutboxMessage.objects.get().status == "delivered" and len(dead.acted) == 1
    home = client.get(reverse("staff-home")).content.decode()
    assert 'id="dead-letter-alert"' not in home


def test_other_roles_see_no_alert_and_may_not_open_the_page(client, alice, bob, dead):
    client.force_login(alice)
    assert 'id="dead-letter-alert"' not in client.get(reverse("staff-home")).content.decode()
    assert client.get(reverse("staff-dead-letters")).status_code == 403
    client.force_login(bob)  # another district's staff
    assert client.get(reverse("staff-dead-letters")).status_code == 403
