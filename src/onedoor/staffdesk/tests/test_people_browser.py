"""The people lookup in headless Chromium at 360 px: a card reader types the number and presses Enter, the
masked summary opens, and the full details are shown for a purpose and logged."""

from __future__ import annotations

import os

import pytest

from onedoor.conftest import PASSWORD
from onedoor.people.models import DataAccess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FOCUSED = "document.activeElement && document.activeElement.name === 'number'"
SHOTS = os.environ.get("ONEDOOR_SCREENSHOTS")  # a directory to keep screenshots in, when set


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def log_in(page, username):
    page.goto("/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/staff/")


def test_a_card_reader_lookup_then_a_logged_full_view_at_360_px(page, alice, zhang):
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, "alice")

    page.goto("/staff/people/")
    page.wait_for_function(FOCUSED)  # autofocus: the reader's keystrokes land in the field
    page.keyboard.type("44060419900101123x")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/people/person/{zhang.pk}/")
    assert "440604********123X" in page.locator("#summary").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "people-card")

    page.fill("#id_purpose", "办理居住证")
    page.click("#full-form button[type=submit]")
    page.wait_for_selector("#full-details")
    assert "44060419900101123X" in page.locator("#full-details").inner_text()
    assert "办理居住证" in page.locator("#accesses").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "people-full")
    assert DataAccess.objects.filter(person=zhang, staff=alice, purpose="办理居住证").count() == 1


def test_an_invalid_scan_says_why_at_360_px(page, alice):
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, "alice")
    page.goto("/staff/people/")
    page.wait_for_function(FOCUSED)
    page.keyboard.type("440604199001011230")
    page.keyboard.press("Enter")
    page.wait_for_selector("#lookup-problem")
    assert "X" in page.locator("#lookup-problem").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "people-invalid")
