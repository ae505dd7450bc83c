"""告知承诺 signed by hand in headless Chromium: the desk shows the commitment on window 01's pad, the applicant
draws their signature with the pointer, the desk accepts, and the case page shows the signature."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onedoor.cases.models import Case, CommitmentSignature
from onedoor.people.models import Person
from onedoor.staffdesk.tests.casework import NEWCOMER
from onedoor.staffdesk.tests.test_case_browser import log_in, register_and_open, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign(pad):
    box = pad.locator("#pad-signature").bounding_box()
    x0, y0, w, h = box["x"], box["y"], box["width"], box["height"]
    for stroke in (
        [(0.1, 0.6), (0.2, 0.3), (0.3, 0.7), (0.4, 0.35)],
        [(0.55, 0.5), (0.7, 0.25), (0.85, 0.65)],
    ):
        pad.mouse.move(x0 + stroke[0][0] * w, y0 + stroke[0][1] * h)
        pad.mouse.down()
        for x, y in stroke[1:]:
            pad.mouse.move(x0 + x * w, y0 + y * h, steps=6)
        pad.mouse.up()


def test_the_applicant_signs_the_commitment_on_the_pad(browser, live_server, page, demo_catalog, alice):
    trusted = next(
        i for i in demo_catalog if i["trust_first"] and i["subject"] == "person" and not i["levels"]
    )
    pad_context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    pad = pad_context.new_page()
    pad.set_default_timeout(10_000)
    log_in(pad, "alice")
    pad.goto("/rate/window/440604-C/01/pair/")
    pad.click("#pair-button")
    pad.wait_for_selector("#pad-welcome")

    log_in(page, "alice")
    register_and_open(page)
    person = Person.objects.get(id_number=NEWCOMER)
    page.goto(reverse("staff-desk-accept", args=["person", person.pk, trusted["code"]]))
    page.check("#mode-trust_first")
    page.click("#sign-on-pad")
    page.wait_for_selector("#pad-signature-status")

    pad.reload()
    pad.wait_for_selector("#pad-sign")
    assert "本人承诺" in pad.inner_text("#pad-commitment-text")
    pad.click("#pad-sign-submit")  # nothing drawn: the pad asks for the signature first
    assert pad.locator("#pad-sign-empty").is_visible()
    _sign(pad)
    shot(pad, "pad-commitment-sign")
    pad.click("#pad-sign-submit")
    pad.wait_for_selector("#pad-signed")
    signature = CommitmentSignature.objects.get()
    assert len(signature.strokes) == 2 and all(len(s) >= 4 for s in signature.strokes)

    page.click("#accept-button")
    page.wait_for_selector("#case-status")
    case = Case.objects.get(person=person)
    assert case.mode == "trust_first" and case.status == "completed"
    signature.refresh_from_db()
    assert signature.case_id == case.pk
    assert page.locator("#commitment-signature polyline").count() == 2
    shot(page, "case-commitment-signature")
    pad_context.close()
