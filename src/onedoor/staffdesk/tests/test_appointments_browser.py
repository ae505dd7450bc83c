"""An appointment in headless Chromium, from the phone call to the case: the window books a slot for a caller,
checks them in when they come (a queue ticket ahead of the walk-ins), calls the ticket at a window, and accepts
their application there — the ticket then names the case."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from onedoor.appointments.services import plan_set
from onedoor.catalog.models import Item
from onedoor.districts.models import CalendarOverride
from onedoor.staffdesk.tests.casework import NEWCOMER, TRANSFER, item
from onedoor.staffdesk.tests.test_case_browser import log_in, shot
from onedoor.tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ZONE = ZoneInfo("Asia/Shanghai")


def _plan_around_now(chancheng, adam):
    """Slots of 5 minutes from the next 5-minute mark, on a day made a working day: bookable now, and open for
    check-in at once (check-in opens 30 minutes before a slot)."""
    now = datetime.now(ZONE)
    start = (now + timedelta(minutes=5 - now.minute % 5)).replace(second=0, microsecond=0)
    end = start + timedelta(minutes=25)
    if end.date() != now.date():
        pytest.skip("too close to midnight for a same-day slot")
    CalendarOverride.objects.create(district=chancheng, date=now.date(), is_workday=True, note="test")
    plan_set(
        centre=chancheng.test_centre,
        item=Item.objects.get(district=chancheng, code=TRANSFER),
        sessions=[[start.strftime("%H:%M"), end.strftime("%H:%M")]],
        slot_minutes=5,
        actor=adam,
    )
    return now.date()


def test_booked_by_phone_checked_in_called_and_accepted(page, demo_catalog, chancheng, adam, alice):
    today = _plan_around_now(chancheng, adam)
    log_in(page, "alice")
    page.click("#appointments-link")
    page.fill("#item", TRANSFER)
    page.fill("#day", today.isoformat())
    page.click("#day-form button")
    page.wait_for_selector("#book-form")
    page.fill("#applicant", NEWCOMER)
    page.fill("#applicant_name", "林晓芸")
    page.click("#book")
    assert "已预约" in page.inner_text(".messages")
    row = page.locator("#bookings tbody tr").first
    assert "林晓芸" not in row.inner_text()  # masked in the list
    number = row.locator("td").nth(1).inner_text()
    shot(page, "appointments-day")

    page.click(f"#check-in-{number}")
    assert "B001" in page.inner_text(".messages")

    page.goto("/staff/tickets/")
    page.select_option("#ticket-window", label="01 综合窗口01")
    page.click("#window-form button")
    page.click("#call-next")
    assert page.inner_text("#current-ticket") == "B001"

    page.goto("/staff/desk/")
    page.wait_for_function("document.activeElement && document.activeElement.name === 'number'")
    page.keyboard.type(NEWCOMER)
    page.keyboard.press("Enter")
    page.wait_for_selector("#applicant")
    page.fill("#item-q", "二手房买卖过户")
    page.keyboard.press("Enter")
    page.get_by_role("link", name=item(demo_catalog, TRANSFER)["name"]).click()
    page.wait_for_selector("#accept-form")
    for box in page.locator("#accept-form input[name=received], #accept-form input[name=criteria]").all():
        box.check()
    page.click("#accept-button")
    page.wait_for_selector("#case-status")
    ticket = Ticket.objects.get(number="B001")
    assert ticket.case is not None and ticket.case.person.id_number == NEWCOMER
    assert ticket.appointment.number == number
