"""A district administrator configures a connector in the admin: the secret typed once is stored sealed and
never shown again; routes are added inline; dead letters are replayed from the outbox list."""

from django.urls import reverse

from onedoor.core.models import AuditRecord
from onedoor.districts.services import backend_system_register
from onedoor.integrations import secrets
from onedoor.integrations.models import Connector, Route

SECRET = "typed-once-by-the-administrator"


def _form(system, **extra):
    return {
        "system": system.pk,
        "kind": "push",
        "base_url": "http://127.0.0.1:9/events",
        "jump_url": "",
        "timeout_seconds": 10,
        "max_concurrency": 4,
        "rate_per_minute": 600,
        "enabled": "on",
        "new_secret": SECRET,
        "routes-TOTAL_FORMS": 1,
        "routes-INITIAL_FORMS": 0,
        "routes-MIN_NUM_FORMS": 0,
        "routes-MAX_NUM_FORMS": 1000,
        "routes-0-item": "",
        "routes-0-decides": '["approve"]',
        **extra,
    }


def test_an_admin_configures_a_connector_and_the_secret_is_never_shown_again(client, adam, chancheng):
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    client.force_login(adam)
    response = client.post(reverse("admin:integrations_connector_add"), _form(system))
    assert response.status_code == 302, response.content.decode()[:3000]
    connector = Connector.objects.get(system=system)
    assert secrets.unseal(connector.secret_encrypted) == SECRET and SECRET not in connector.secret_encrypted
    assert connector.district == chancheng
    route = Route.objects.get(connector=connector)
    assert route.item is None and route.decides == ["approve"] and route.district == chancheng
    page = client.get(reverse("admin:integrations_connector_change", args=[connector.pk])).content.decode()
    assert SECRET not in page and connector.secret_encrypted not in page
    assert AuditRecord.objects.filter(action="connector.configured", actor=adam).exists()


def test_a_short_secret_is_refused_with_a_message(client, adam, chancheng):
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    client.force_login(adam)
    response = client.post(
        reverse("admin:integrations_connector_add"),
        _form(system, new_secret="short"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and "at least 16 characters" in response.content.decode()
    assert not Connector.objects.exists()


def test_another_districts_admin_does_not_see_the_connector(client, adam, hana, chancheng):
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    client.force_login(adam)
    client.post(reverse("admin:integrations_connector_add"), _form(system), follow=True)
    connector = Connector.objects.get()
    client.force_login(hana)
    assert "BDC-SYS" not in client.get(reverse("admin:integrations_connector_changelist")).content.decode()
    assert client.get(reverse("admin:integrations_connector_change", args=[connector.pk])).status_code in (
        302,
        404,
    )
