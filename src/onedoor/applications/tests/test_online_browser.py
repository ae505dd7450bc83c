"""Applying online in headless Chromium on a 360 px phone: the citizen logs in at the stand-in provincial
identity provider, applies from the guide page, uploads the materials, submits; the window generalist (a
desktop) returns one material with a comment; the citizen sees it, replaces the file and resubmits; the
generalist accepts, and the citizen finds the case under "My cases". Every citizen page fits 360 px."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from onedoor.applications.models import Application
from onedoor.citizens.tests.fixtures import KNOWN
from onedoor.people import services as people_services
from onedoor.staffdesk.tests.test_case_browser import NARROW, fits, log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ITEM = "440604-GA-003"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (220, 220, 210)).save(out, "PNG")
    return out.getvalue()


def _upload(phone, code: str, name: str) -> None:
    phone.set_input_files(f"#file-{code}", files=[{"name": name, "mimeType": "image/png", "buffer": _png()}])
    phone.click(f"#upload-{code}")
    phone.wait_for_selector(".messages li")


def test_apply_online_on_a_phone_with_one_pre_review_round(
    browser, live_server, oidc, chancheng, alice, demo_catalog
):
    person = people_services.person_register(
        district=chancheng, id_number=KNOWN, name="欧阳秀英", identity_level=4, actor=alice
    )
    person.phone, person.address = "13800138000", "禅城区岭南大道 1 号"
    person.save(update_fields=["phone", "address"])
    citizen = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=NARROW, is_mobile=True)
    phone = citizen.new_page()
    phone.set_default_timeout(15_000)

    phone.goto(f"/guide/440604/{ITEM}/")
    assert fits(phone)
    phone.click("#apply-login")  # not logged in yet: to the provider first
    phone.wait_for_selector("#idp-login")
    phone.fill("#id_username", KNOWN)
    phone.fill("#id_password", "onedoor-demo")
    phone.click("#idp-login")
    phone.wait_for_url("**/guide/**")  # back where the citizen was; now the button starts the application
    phone.click("#apply-button")
    phone.wait_for_url("**/citizen/applications/**")
    assert phone.input_value("#phone") == "13800138000"  # prefilled from the register
    assert fits(phone)
    need = phone.eval_on_selector_all(
        "#materials li[data-need=upload]", "items => items.map(li => li.id.replace('material-', ''))"
    )
    assert need
    for code in need:
        _upload(phone, code, f"{code}.png")
    phone.click("#submit-application")
    phone.wait_for_selector("#application-status[data-status=submitted]")
    assert fits(phone)
    shot(phone, "online-application-submitted-360")

    staff = browser.new_context(base_url=live_server.url, locale="zh-CN")
    desk = staff.new_page()
    desk.set_default_timeout(15_000)
    log_in(desk, "alice")
    desk.click("#prereview-link")
    desk.click("#prereview-queue a.button")
    desk.check(f"#finding-{need[0]} input[value=fix]")
    desk.fill(f"#comment-{need[0]}", "照片模糊，请重新拍摄")
    for code in need[1:]:
        for box in desk.locator(f"#finding-{code} input[type=checkbox]").all():
            box.check()
    shot(desk, "prereview-round-1")
    desk.click("#prereview-send")
    desk.wait_for_url("**/staff/prereview/")
    assert "已连同您的意见退回申请人" in desk.inner_text(".messages")

    phone.reload()
    assert phone.get_attribute("#application-status", "data-status") == "fix_needed"
    assert "照片模糊" in phone.inner_text(f"#material-{need[0]}")
    shot(phone, "online-application-fix-needed-360")
    _upload(phone, need[0], "again.png")
    phone.click("#submit-application")
    phone.wait_for_selector("#application-status[data-status=submitted]")

    desk.goto("/staff/prereview/")
    desk.click("#prereview-queue a.button")
    for code in need:
        for box in desk.locator(f"#finding-{code} input[type=checkbox]").all():
            box.check()
    desk.click("#prereview-send")
    desk.wait_for_url("**/staff/cases/**")
    number = Application.objects.get(person=person).case.number
    assert number in desk.inner_text("h1") or number in desk.content()

    phone.goto("/citizen/cases/")
    assert number in phone.inner_text("#my-cases")
    assert "已受理" in phone.inner_text("#my-messages")
    assert fits(phone)
    shot(phone, "my-cases-360")
    staff.close()
    citizen.close()
