"""The work queue page: the caller's waiting cases with their traffic light as text, the departments' overdue
list, the district's for supervisors, and a next-page link instead of a count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onedoor.cases.models import Case
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.staffdesk.tests.casework import TRANSFER, accept, everything_received, item, register_at_desk


@pytest.fixture
def case(client, alice, demo_catalog):
    client.force_login(alice)
    transfer = item(demo_catalog, TRANSFER)
    person = register_at_desk(client)
    accept(client, person, transfer, **everything_received(transfer, skip={"M01", "M05", "M07"}))
    client.logout()
    return Case.objects.get(person=person)


def test_the_officer_sees_the_case_waiting_with_its_light_in_words(client, case, olivia):
    client.force_login(olivia)
    page = client.get(reverse("staff-queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    queue = page.split('id="work-queue"', 1)[1].split("</table>", 1)[0]
    assert case.number in queue
    assert "on time" in queue or "due soon" in queue
    assert "No overdue case." in page


def test_a_case_waiting_for_correction_stays_in_sight_of_its_department(client, case, olivia, demo_catalog):
    from onedoor.cases.actions import case_act

    code = item(demo_catalog, TRANSFER)["materials"][1]["code"]
    case_act(staff=olivia, number=case.number, action="request_correction", reason="不清晰", materials=[code])
    client.force_login(olivia)
    page = client.get(reverse("staff-queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    before, after = page.split('id="stopped-cases"', 1)
    assert case.number not in before  # not in the work queue: nobody can act on it until the clock runs
    stopped = after.split("</ul>", 1)[0]
    assert case.number in stopped and "correction" in stopped


def test_a_post_review_past_its_deadline_is_marked_overdue(client, alice, olivia, demo_catalog):
    from onedoor.cases.services import case_accept

    client.force_login(alice)
    person = register_at_desk(client)
    promised = item(demo_catalog, "440604-BDC-001")
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in promised["materials"]
        if m["source"] == "applicant"
    ]
    case = case_accept(
        staff=alice,
        item_code=promised["code"],
        applicant=person.id_number,
        materials=materials,
        mode="trust_first",
        commitment_signed=True,
    ).case
    client.force_login(olivia)
    listed = client.get(reverse("staff-queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    reviews = listed.split('id="post-reviews"', 1)[1].split("</ul>", 1)[0]
    assert case.number in reviews and "post-review overdue" not in reviews
    Case.objects.filter(pk=case.pk).update(post_review_deadline=timezone.now() - timedelta(days=1))
    listed = client.get(reverse("staff-queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "post-review overdue" in listed.split('id="post-reviews"', 1)[1].split("</ul>", 1)[0]


def test_an_overdue_case_is_red_and_listed_for_the_department_and_the_supervisor(
    client, case, olivia, chancheng
):
    Case.objects.filter(pk=case.pk).update(deadline=timezone.now() - timedelta(days=5))
    client.force_login(olivia)
    page = client.get(reverse("staff-queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    overdue = page.split('id="department-overdue"', 1)[1].split("</table>", 1)[0]
    assert case.number in overdue and "light-red" in overdue and "overdue by" in overdue
    assert 'id="district-overdue"' not in page
    sue = district_services.staff_create(
        district=chancheng,
        username="sue",
        password="correct horse battery staple",
        roles=[(Role.SUPERVISOR, None)],
    )
    client.force_login(sue)
    page = client.get(reverse("staff-queue")).content.decode()
    assert case.number in page.split('id="district-overdue"', 1)[1]


def test_the_staff_home_links_the_desk_and_the_queue_by_role(client, alice, olivia):
    client.force_login(alice)
    page = client.get(reverse("staff-home")).content.decode()
    assert 'id="desk-link"' in page and 'id="queue-link"' not in page
    client.force_login(olivia)
    page = client.get(reverse("staff-home")).content.decode()
    assert 'id="desk-link"' not in page and 'id="queue-link"' in page


def test_a_damaged_cursor_is_a_400(client, olivia):
    client.force_login(olivia)
    assert client.get(reverse("staff-queue"), {"after": "%%%"}).status_code == 400
