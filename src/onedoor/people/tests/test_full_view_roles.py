"""Who may see a holder's unmasked data: the window and supervisors; a department's officers only for holders
with a case in their department; administrators and analysts never. A refusal writes no access-log row, and
the card page offers no full-view form to someone who may not use it."""

import pytest
from django.urls import reverse

from onedoor.cases.services import case_accept
from onedoor.core.errors import Forbidden
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.people import selectors
from onedoor.people.models import DataAccess

TRANSFER = "440604-BDC-002"  # a real-estate item of the test department (BDC), where olivia is an officer


@pytest.fixture
def sam(chancheng, adam):
    return district_services.staff_create(
        district=chancheng,
        username="sam",
        password="a-long-enough-passphrase-for-sam",
        roles=[(Role.SUPERVISOR, None)],
        actor=adam,
    )


def test_admins_are_refused_and_nothing_is_logged(adam, zhang):
    with pytest.raises(Forbidden) as refused:
        selectors.person_full_view(staff=adam, person=zhang, purpose="看看")
    assert refused.value.code == "full_view_not_allowed"
    assert not DataAccess.objects.filter(person=zhang).exists()


def test_the_window_and_supervisors_may(alice, sam, zhang):
    assert selectors.person_full_view(staff=alice, person=zhang, purpose="办理居住证").holder == zhang
    assert selectors.person_full_view(staff=sam, person=zhang, purpose="投诉核查").holder == zhang
    assert DataAccess.objects.filter(person=zhang, kind="full_view").count() == 2


def test_an_officer_only_once_their_department_handles_a_case_of_the_holder(
    demo_catalog, alice, olivia, zhang
):
    with pytest.raises(Forbidden):
        selectors.person_full_view(staff=olivia, person=zhang, purpose="不动产登记")
    item = next(i for i in demo_catalog if i["code"] == TRANSFER)
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    case_accept(staff=alice, item_code=TRANSFER, applicant=zhang.id_number, materials=materials)
    view = selectors.person_full_view(staff=olivia, person=zhang, purpose="不动产登记")
    assert view.holder == zhang and view.access.staff == olivia


def test_the_card_page_offers_the_full_view_only_to_those_who_may(client, adam, alice, zhang):
    client.force_login(adam)
    page = client.get(reverse("staff-person", args=[zhang.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="full-form"' not in page and 'id="full-not-allowed"' in page
    refused = client.post(reverse("staff-person-full", args=[zhang.pk]), {"purpose": "看看"})
    assert refused.status_code == 403 and zhang.id_number not in refused.content.decode()
    client.force_login(alice)
    page = client.get(reverse("staff-person", args=[zhang.pk])).content.decode()
    assert 'id="full-form"' in page


def test_the_api_refuses_with_403(client, adam, bearer, zhang):
    response = client.get(
        f"/api/v1/people/{zhang.id_number}?purpose=x", HTTP_ACCEPT_LANGUAGE="en", **bearer(adam)
    )
    assert response.status_code == 403 and "does not allow" in response.json()["message"]
