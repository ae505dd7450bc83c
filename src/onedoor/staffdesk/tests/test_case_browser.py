"""The case spine in headless Chromium: the desk accepts a promised item with a material waived by a settled
record and prints the receipt; the officer and the approver finish it on the case page; the public progress
page shows each step; an instant item issues its certificate on the spot, and the certificate verifies."""

from __future__ import annotations

import os

import pytest
from django.utils import translation

from onedoor.cases.models import Case
from onedoor.conftest import PASSWORD
from onedoor.staffdesk.tests.casework import NEWCOMER, TRANSFER, instant_item, item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("ONEDOOR_SCREENSHOTS")  # a directory to keep screenshots in, when set
NARROW = {"width": 360, "height": 800}


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"] + 1


def log_in(page, username):
    page.goto("/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/staff/")


def log_out(page):
    page.click("form[action='/staff/logout/'] button")
    page.wait_for_url("**/staff/login/")


def register_and_open(page, name="林晓芸"):
    """At the desk: the card reader types the number and Enter; the unknown person is registered."""
    page.goto("/staff/desk/")
    page.wait_for_function("document.activeElement && document.activeElement.name === 'number'")
    page.keyboard.type(NEWCOMER)
    page.keyboard.press("Enter")
    page.fill("#desk-register-form #id_name", name)
    page.click("#desk-register-form button[type=submit]")
    page.wait_for_selector("#applicant")


def tick_everything(page, codes):
    for code in codes:
        page.check(f"#material-{code} input[name=received]")
        for box in page.locator(f"#material-{code} input[name=criteria]").all():
            box.check()


def take_action(page, action, opinion):
    form = page.locator(f"#action-{action}")
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    form.locator("textarea[name=opinion]").fill(opinion)
    with page.expect_navigation():  # the page before already shows a message: wait for the new one
        form.locator("button[type=submit]").click()
    page.wait_for_selector(".messages li, #case-error")
    assert page.locator("#case-error").count() == 0, page.locator("#case-error").inner_text()


def test_a_promised_case_from_the_desk_to_the_public_progress_page(page, demo_catalog, alice, olivia, arthur):
    transfer = item(demo_catalog, TRANSFER)
    page.set_viewport_size(NARROW)
    log_in(page, "alice")
    page.click("#desk-link")
    register_and_open(page)

    page.fill("#item-q", "二手房买卖过户")
    page.keyboard.press("Enter")
    page.get_by_role("link", name=transfer["name"]).click()
    page.wait_for_selector("#accept-form")
    assert "居民身份证（窗口核验）" in page.locator("#material-M01").inner_text()  # waived: on file
    assert page.locator("#material-M01 input[name=received]").count() == 0
    tick_everything(page, ["M02", "M03", "M04", "M06"])
    assert fits(page), "the acceptance form must not scroll sideways at 360 px"
    shot(page, "desk-accept")
    page.click("#accept-button")
    page.wait_for_selector("#case-status")
    case = Case.objects.get(person__id_number=NEWCOMER)
    assert case.status == "undertake"
    assert "居民身份证（窗口核验）" in page.locator("#case-materials").inner_text()
    assert fits(page)
    shot(page, "case-accepted")

    receipt = page.request.get(page.locator("#receipt-link").get_attribute("href"))
    assert receipt.ok and receipt.headers["content-type"] == "application/pdf"
    assert receipt.body().startswith(b"%PDF")

    log_out(page)
    log_in(page, "olivia")
    page.click("#queue-link")
    page.get_by_role("link", name=case.number).first.click()
    take_action(page, "undertake", "材料齐全，符合受理条件")
    take_action(page, "review", "审核通过")
    log_out(page)
    log_in(page, "arthur")
    page.goto(f"/staff/cases/{case.number}/")
    take_action(page, "approve", "准予登记")
    take_action(page, "complete", "登簿发证")
    case.refresh_from_db()
    assert case.status == "completed"
    assert page.locator("#case-trail tbody tr").count() == 5
    shot(page, "case-completed")
    log_out(page)

    page.goto(f"/progress/?number={case.number}")
    page.fill("#progress-tail", NEWCOMER[-4:])
    page.click("#progress-form button[type=submit]")
    page.wait_for_selector("#progress-result")
    assert page.locator("#progress-steps li").count() == 5
    with translation.override("zh-hans"):  # the page is Chinese whatever this thread has active
        label = str(case.get_status_display())
    assert label in page.locator("#progress-status").inner_text()
    assert fits(page)
    shot(page, "public-progress")


def test_an_instant_item_issues_its_certificate_on_the_spot_and_it_verifies(page, demo_catalog, alice):
    instant = instant_item(demo_catalog)
    page.set_viewport_size(NARROW)
    log_in(page, "alice")
    register_and_open(page)
    page.fill("#item-q", instant["name"])
    page.keyboard.press("Enter")
    page.get_by_role("link", name=instant["name"]).first.click()
    page.wait_for_selector("#accept-form")
    codes = [
        m["code"]
        for m in instant["materials"]
        if page.locator(f"#material-{m['code']} input[name=received]").count()
    ]
    tick_everything(page, codes)
    page.click("#accept-button")
    page.wait_for_selector("#certificate-link")
    pdf = page.request.get(page.locator("#certificate-link").get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page.click("#verify-link")
    page.wait_for_selector("#verdict")
    assert "✔" in page.locator("#verdict h2").inner_text()
    assert page.locator("#verify-key-id").inner_text().strip()
    assert fits(page)
    shot(page, "certificate-verified")
