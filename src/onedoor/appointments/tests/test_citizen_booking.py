"""A citizen books, moves and cancels their own appointment online (logged in at the stand-in provincial
identity provider), under the same rules as the window's booking; nobody else's booking can be touched."""

from __future__ import annotations

import re

import pytest
import requests

from onedoor.appointments.models import Appointment
from onedoor.appointments.services import plan_set
from onedoor.citizens.tests.fixtures import KNOWN, NEWCOMER, log_in
from onedoor.core.models import AuditRecord
from onedoor.people import services as people_services
from onedoor.staffdesk.tests.casework import TRANSFER

pytestmark = pytest.mark.django_db(transaction=True)


def _post(browser, url, data):
    return browser.post(
        url,
        data={"csrfmiddlewaretoken": browser.cookies.get("csrftoken", ""), **data},
        headers={"Referer": url},
    )


def test_book_move_and_cancel_online(live_server, oidc, chancheng, adam, alice, demo_catalog):
    plan_set(centre=chancheng.test_centre, actor=adam)  # the hall takes bookings for any item
    person = people_services.person_register(
        district=chancheng, id_number=KNOWN, name="欧阳秀英", identity_level=4, actor=alice
    )
    guide = requests.get(f"{live_server.url}/guide/440604/{TRANSFER}/").text
    assert 'id="book-link"' in guide
    browser, _home = log_in(live_server, KNOWN)
    url = f"{live_server.url}/citizen/appointments/book/{TRANSFER}/"
    page = browser.get(url)
    # A whole day's slots: today's are few late in the afternoon, so take the last day offered.
    days = re.findall(r'<option value="(\d{4}-\d{2}-\d{2})"', page.text)
    assert len(days) > 1
    page = browser.get(f"{url}?day={days[-1]}")
    slots = re.findall(r'name="starts_at" value="([^"]+)"', page.text)
    key = re.search(r'name="key" value="([^"]+)"', page.text).group(1)
    assert len(slots) > 2 and all(slot.startswith(days[-1]) for slot in slots)
    booked = _post(browser, url, {"starts_at": slots[1], "key": key, "centre": chancheng.test_centre.code})
    assert booked.url.endswith("/citizen/appointments/")
    again = _post(browser, url, {"starts_at": slots[1], "key": key, "centre": chancheng.test_centre.code})
    assert again.ok and Appointment.objects.filter(person=person).count() == 1  # a double click: one booking
    appointment = Appointment.objects.get(person=person)
    assert appointment.channel == "online" and appointment.number in booked.text
    # one per item and day: a second booking of the same item that day is refused, with the reason
    twice = _post(
        browser, url, {"starts_at": slots[2], "key": "another", "centre": chancheng.test_centre.code}
    )
    assert twice.status_code in (400, 409) and Appointment.objects.filter(person=person).count() == 1

    move_page = browser.get(f"{live_server.url}/citizen/appointments/{appointment.number}/move/")
    target = re.findall(r'name="starts_at" value="([^"]+)"', move_page.text)[-1]
    _post(
        browser,
        f"{live_server.url}/citizen/appointments/{appointment.number}/change/",
        {"action": "move", "starts_at": target},
    )
    moved = Appointment.objects.get(person=person, status="booked")
    assert moved.number != appointment.number and moved.moved_from_id == appointment.pk

    # another citizen cannot cancel it
    other, _home = log_in(live_server, NEWCOMER)
    _post(other, f"{live_server.url}/citizen/appointments/{moved.number}/change/", {"action": "cancel"})
    assert Appointment.objects.get(pk=moved.pk).status == "booked"

    mine = _post(
        browser, f"{live_server.url}/citizen/appointments/{moved.number}/change/", {"action": "cancel"}
    )
    assert Appointment.objects.get(pk=moved.pk).status == "cancelled" and moved.number in mine.text
    assert AuditRecord.objects.filter(action="appointment.cancelled", object_id=str(moved.pk)).exists()
