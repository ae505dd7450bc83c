"""The supervision desk in headless Chromium: the supervisor logs in, opens the desk from the staff home, sees
the overdue case (masked applicant) and follows it to the case's trace."""

from __future__ import annotations

import os

import pytest

from onedoor.conftest import PASSWORD
from onedoor.people.masking import mask_number
from onedoor.supervision.tests.conftest import APPLICANT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("ONEDOOR_SCREENSHOTS")  # a directory to keep screenshots in, when set


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_the_supervisor_follows_an_overdue_case_from_the_desk_to_its_trace(page, sam, desk_data):
    page.goto("/staff/login/")
    page.fill("#id_username", "sam")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/staff/")

    page.click("#supervision-desk-link")
    page.wait_for_url("**/staff/supervision/")
    number = desk_data.overdue_case.number
    row = page.locator("#desk-overdue-cases tr", has_text=number)
    assert row.count() == 1
    assert mask_number(APPLICANT) in row.inner_text()
    assert APPLICANT not in page.content()
    assert page.locator("#desk-dead-letters").is_visible()
    shot(page, "supervision-desk")

    row.locator(f"a:text('{number}')").click()
    page.wait_for_url(f"**/staff/supervision/cases/{number}/trace/")
    assert number in page.locator("h1").inner_text()
    assert page.locator("#trace-trail").is_visible()
    shot(page, "supervision-desk-trace")
