"""The kiosk through HTTP: the ID card read by the reader (a keyboard wedge: the number and Enter), a
self-service item finished with everything on file and its certificate to print (retry-safe), tickets, an
appointment check-in, the person's own cases, a prefilled form, and "Finish" forgetting the person."""

from __future__ import annotations

import pytest

from onedoor.appointments.selectors import free_slots
from onedoor.appointments.services import appointment_book, plan_for
from onedoor.cases.models import Case
from onedoor.catalog.models import Item
from onedoor.core.models import AuditRecord
from onedoor.districts.models import Staff
from onedoor.people import services as people_services
from onedoor.staffdesk.tests.casework import NEWCOMER, TRANSFER, register_with_card, resident
from onedoor.staffdesk.tests.test_appointments_browser import _plan_around_now
from onedoor.tickets.models import Ticket

pytestmark = pytest.mark.django_db
SELF_ITEM = "440604-RS-008"  # 参保缴费证明打印: instant, kiosk, only the ID card record needed
OTHER = resident("44060419750505123")


@pytest.fixture
def kiosk(client, chancheng, demo_catalog):
    client.get(f"/kiosk/?centre={chancheng.test_centre.code}")
    return client


@pytest.fixture
def holder(chancheng, alice):
    return register_with_card(chancheng, alice, phone="13700137000", address="禅城区祖庙路 8 号")


def _identify(kiosk, number):
    return kiosk.post("/kiosk/identify/", {"number": number}, follow=True)


def test_the_card_reader_identifies_a_registered_person_and_refuses_others(kiosk, holder):
    assert 'id="id-reader"' in kiosk.get("/kiosk/").content.decode()
    page = _identify(kiosk, "12345").content.decode()
    assert "读卡" in page or "card" in page  # could not be read
    page = _identify(kiosk, OTHER).content.decode()
    assert "取号" in page and 'id="kiosk-who"' not in page  # not registered here: take a ticket
    page = _identify(kiosk, NEWCOMER).content.decode()
    assert 'id="kiosk-who"' in page and "林**" in page and NEWCOMER not in page
    assert AuditRecord.objects.filter(action="kiosk.identified", object_id=str(holder.pk)).exists()
    kiosk.cookies["elder"] = "1"  # this person used elder mode (no timeout) …
    kiosk.post("/kiosk/finish/")
    home = kiosk.get("/kiosk/").content.decode()
    assert 'id="kiosk-who"' not in home  # forgotten
    assert '<body class="kiosk"' in home  # … the next person gets the standard version, with its timeout


def test_self_service_finishes_an_item_with_everything_on_file_once(kiosk, holder, chancheng):
    assert kiosk.get("/kiosk/self-service/").status_code == 302  # the card first
    _identify(kiosk, NEWCOMER)
    page = kiosk.get("/kiosk/self-service/").content.decode()
    assert f'id="self-{SELF_ITEM}"' in page
    done = kiosk.post("/kiosk/self-service/", {"item": SELF_ITEM, "key": "k-1"})
    assert done.status_code == 302
    case = Case.objects.get(person=holder)
    assert case.channel == "kiosk" and case.status == "completed" and case.certificates.count() == 1
    account = Staff.objects.get(pk=case.accepted_by_id)
    assert account.username.startswith("kiosk-") and not account.has_usable_password()
    again = kiosk.post("/kiosk/self-service/", {"item": SELF_ITEM, "key": "k-1"})  # a double tap
    assert again.status_code == 302 and Case.objects.filter(person=holder).count() == 1
    shown = kiosk.get(done["Location"]).content.decode()
    assert case.number in shown and 'id="print-certificate"' in shown
    pdf = kiosk.get(f"/certificates/{case.certificates.get().public_id}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # An item needing a paper the kiosk cannot take says what is missing and does nothing.
    page = kiosk.get("/kiosk/self-service/").content.decode()
    assert "窗口" in page  # "take a ticket for a window" beside the items not on file
    refused = kiosk.post("/kiosk/self-service/", {"item": TRANSFER, "key": "k-2"}, follow=True)
    assert Case.objects.filter(person=holder).count() == 1 and refused.status_code == 200


def test_tickets_from_the_kiosk_ordinary_and_priority(kiosk, chancheng):
    first = kiosk.post("/kiosk/ticket/", {"key": "t-1"})
    assert first.status_code == 302
    again = kiosk.post("/kiosk/ticket/", {"key": "t-1"})
    assert again["Location"] == first["Location"]  # the same ticket for the same press
    page = kiosk.get(first["Location"]).content.decode()
    assert 'id="ticket-number">A001<' in page
    priority = kiosk.post("/kiosk/ticket/", {"key": "t-2", "priority": "elderly"})
    assert priority["Location"].endswith("/V001/")
    assert Ticket.objects.filter(centre=chancheng.test_centre, source="kiosk").count() == 2


def test_an_appointment_is_checked_in_at_the_kiosk(kiosk, chancheng, adam, alice, holder):
    _plan_around_now(chancheng, adam)
    item = Item.objects.get(district=chancheng, code=TRANSFER)
    slot = free_slots(plan_for(chancheng.test_centre, item))[0]["starts_at"]
    booked, _created = appointment_book(
        centre=chancheng.test_centre, item=item, starts_at=slot, applicant=NEWCOMER, actor=alice
    )
    wrong = kiosk.post("/kiosk/check-in/", {"number": "NOPE42"})
    assert wrong.status_code == 200  # stays, with the reason
    done = kiosk.post("/kiosk/check-in/", {"number": booked.number.lower()})
    assert done.status_code == 302 and done["Location"].endswith("/B001/")


def test_my_cases_and_a_prefilled_form(kiosk, holder, chancheng, alice):
    other = people_services.person_register(
        district=chancheng, id_number=OTHER, name="王五", identity_level=5, actor=alice
    )
    assert other.pk
    _identify(kiosk, NEWCOMER)
    kiosk.post("/kiosk/self-service/", {"item": SELF_ITEM, "key": "k-3"})
    page = kiosk.get("/kiosk/progress/").content.decode()
    assert Case.objects.get(person=holder).number in page
    found = kiosk.get("/kiosk/forms/", {"q": "不动产"}).content.decode()
    assert 'id="form-results"' in found
    form = kiosk.get("/kiosk/forms/", {"item": TRANSFER}).content.decode()
    assert NEWCOMER in form and "13700137000" in form and 'id="print-form"' in form  # their own card


def test_a_complaint_filed_at_the_kiosk_is_the_card_holders_and_names_this_centre(kiosk, holder, chancheng):
    from onedoor.complaints.models import Complaint

    assert kiosk.get("/kiosk/complaint/").status_code == 302  # the card first
    _identify(kiosk, NEWCOMER)
    form = kiosk.get("/kiosk/complaint/").content.decode()
    assert 'id="complaint-form"' in form and 'name="key"' in form
    key = form.split('name="key" value="', 1)[1].split('"', 1)[0]
    post = {
        "key": key,
        "kind": "complaint",
        "category": "attitude",
        "subject": "窗口人员态度差",
        "text": "今天上午在三号窗口办理社保业务，工作人员态度生硬，没有解释清楚需要补充哪些材料。",
    }
    missing = kiosk.post("/kiosk/complaint/", {**post, "subject": ""})
    assert missing.status_code == 400 and 'id="complaint-error"' in missing.content.decode()
    done = kiosk.post("/kiosk/complaint/", post).content.decode()
    complaint = Complaint.objects.get(person=holder)
    assert complaint.channel == "kiosk" and complaint.centre == chancheng.test_centre
    assert complaint.number in done.split('id="complaint-number"', 1)[1][:200]
    kiosk.post("/kiosk/complaint/", post)  # the same form sent twice files it once
    assert Complaint.objects.filter(person=holder).count() == 1
