"""Every citizen page at 360 px in headless Chromium (a phone, the H5 online hall): no page is wider than the
screen, in the standard and the elder version. Screenshots are kept (var/screenshots/)."""

from __future__ import annotations

import pytest

from onedoor.appointments.services import plan_set
from onedoor.citizens.tests.fixtures import KNOWN
from onedoor.people import services as people_services
from onedoor.staffdesk.tests.casework import TRANSFER
from onedoor.staffdesk.tests.test_case_browser import NARROW, fits, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
APPLY = "440604-GA-003"


def test_citizen_pages_fit_a_360_px_phone(browser, live_server, oidc, chancheng, adam, alice, demo_catalog):
    plan_set(centre=chancheng.test_centre, actor=adam)
    people_services.person_register(
        district=chancheng, id_number=KNOWN, name="欧阳秀英", identity_level=4, actor=alice
    )
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=NARROW, is_mobile=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto("/citizen/cases/")  # to the provider's login and back
    phone.fill("#id_username", KNOWN)
    phone.fill("#id_password", "onedoor-demo")
    phone.click("#idp-login")
    phone.wait_for_url("**/citizen/cases/")
    phone.goto(f"/guide/440604/{APPLY}/")
    phone.click("#apply-button")
    phone.wait_for_url("**/citizen/applications/**")
    application = phone.url.split(live_server.url)[1]
    pages = [
        "/guide/?district=440604",
        "/guide/?district=440604&event=出生",
        f"/guide/440604/{TRANSFER}/",
        "/progress/",
        "/citizen/cases/",
        application,
        "/citizen/appointments/",
        f"/citizen/appointments/book/{TRANSFER}/",
    ]
    too_wide = []
    for elder in (False, True):
        if elder:
            phone.click("#elder-on")
            phone.wait_for_selector("body.elder")
        for path in pages:
            phone.goto(path)
            if not fits(phone):
                too_wide.append(f"{path} ({'elder' if elder else 'standard'})")
            shot(phone, f"phone-{'elder-' if elder else ''}{path.strip('/').split('?')[0].replace('/', '-')}")
    assert not too_wide, too_wide
    context.close()
