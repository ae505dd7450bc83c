"""The calendar page in headless Chromium: usable at 360 px, and an admin's override shows at once."""

from __future__ import annotations

import pytest

from onedoor.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.goto("/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/staff/")


def test_the_calendar_fits_a_360_px_phone_and_an_admin_marks_a_2027_rest_day(page, adam):
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, "adam")
    page.goto("/staff/calendar/?year=2027")
    assert page.locator("#unofficial-notice").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.fill("#override-form input[name=date]", "2027-01-04")
    page.check("#override-form input[value=rest]")
    page.fill("#override-form input[name=reason]", "台风停工")
    page.click("#override-form button[type=submit]")
    page.wait_for_url("**/staff/calendar/?year=2027")
    day = page.locator('td[data-date="2027-01-04"]')
    assert day.get_attribute("data-kind") == "district_rest"
    assert day.locator(".mark").inner_text().strip() != ""

    page.fill("#deadline-form input[name=start]", "2026-12-10")
    page.fill("#deadline-form input[name=days]", "20")
    page.click("#deadline-form button[type=submit]")
    assert "2027-01-11" in page.locator("#deadline-result").inner_text()  # 1 Jan (law) and 4 Jan (district)
