"""The kiosk in headless Chromium at a portrait touch screen: the ID card read by the reader (the number and
Enter, as a keyboard wedge types it), a self-service item finished with everything on file, the certificate
to print, then "Finish" and the next person starts from a clean screen."""

from __future__ import annotations

import pytest

from onedoor.cases.models import Case
from onedoor.kiosk.tests.test_kiosk import SELF_ITEM, holder  # noqa: F401 (fixture)
from onedoor.staffdesk.tests.casework import NEWCOMER
from onedoor.staffdesk.tests.test_case_browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_self_service_at_the_kiosk_prints_the_certificate(browser, live_server, demo_catalog, holder):  # noqa: F811
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1080, "height": 1920}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/kiosk/")
    page.click("#tile-self")  # the card first
    page.wait_for_selector("#id-reader")
    page.keyboard.type(NEWCOMER)  # the reader types into the focused field …
    page.keyboard.press("Enter")  # … and ends with Enter
    page.wait_for_url("**/kiosk/self-service/")
    shot(page, "kiosk-self-service")
    page.click(f"#self-{SELF_ITEM} button")
    page.wait_for_selector("#print-certificate")
    case = Case.objects.get(person=holder)
    assert page.inner_text("#done-case") == case.number and case.channel == "kiosk"
    pdf = page.request.get(page.get_attribute("#print-certificate", "href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    shot(page, "kiosk-done")
    page.click("#kiosk-finish")
    page.wait_for_selector("#id-reader")
    assert page.locator("#kiosk-who").count() == 0
    context.close()
