"""Accessibility and elder mode (适老化) in headless Chromium: axe-core (from the npm registry, injected by
Playwright) finds no serious or critical violation on the main citizen, kiosk and front-desk pages, in the
standard and the elder version; the elder switch gives base type of at least 18 px, line spacing of at least 1.3
and paragraph spacing of at least 1.3 times the line spacing, and turns the kiosk's inactivity reset off."""

from __future__ import annotations

from pathlib import Path

import pytest

from onedoor.people import services as people_services
from onedoor.staffdesk.tests.casework import NEWCOMER, TRANSFER
from onedoor.staffdesk.tests.test_case_browser import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parents[4] / "node_modules" / "axe-core" / "axe.min.js"
BAD = ("serious", "critical")


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in BAD
    ]


@pytest.fixture
def context(browser, live_server):
    made = browser.new_context(base_url=live_server.url, locale="zh-CN", bypass_csp=True)  # to inject axe
    yield made
    made.close()


@pytest.fixture
def person(chancheng, alice):
    return people_services.person_register(
        district=chancheng, id_number=NEWCOMER, name="林晓芸", identity_level=5, actor=alice
    )


def _check(page, paths: list[str], name: str) -> list[str]:
    problems = []
    for path in paths:
        page.goto(path)
        problems += [f"{path}: {v}" for v in _violations(page)]
        shot(page, f"a11y-{name}-{path.strip('/').replace('/', '-') or 'home'}")
    return problems


def _elder_on(page):
    page.click("#elder-on")
    page.wait_for_selector("body.elder")


CITIZEN = [
    "/guide/?district=440604",
    f"/guide/440604/{TRANSFER}/",
    f"/guide/440604/{TRANSFER}/form/",
    "/progress/",
]
KIOSK = [
    "/kiosk/",
    "/kiosk/ticket/",
    "/kiosk/check-in/",
    "/kiosk/self-service/",
    "/kiosk/progress/",
    "/kiosk/forms/",
]
DESK = ["/staff/", "/staff/desk/", "/staff/tickets/", "/staff/appointments/", "/staff/prereview/"]


def test_no_serious_violations_on_citizen_kiosk_and_desk_pages(context, demo_catalog, person, alice):
    page = context.new_page()
    problems = _check(page, CITIZEN, "citizen")
    page.goto("/kiosk/")
    page.fill("#id-reader", NEWCOMER)
    page.press("#id-reader", "Enter")  # the reader types the number and Enter
    page.wait_for_selector("#kiosk-who")
    problems += _check(page, KIOSK, "kiosk")
    log_in(page, "alice")
    problems += _check(page, DESK, "desk")
    page.goto("/staff/desk/")
    page.fill("#desk-number", NEWCOMER)
    page.press("#desk-number", "Enter")
    page.wait_for_url("**/staff/desk/person/**")
    problems += [f"desk holder: {v}" for v in _violations(page)]
    assert not problems, "\n".join(problems)


def test_elder_mode_is_larger_calmer_and_still_clean(context, demo_catalog, person):
    page = context.new_page()
    page.goto(f"/guide/440604/{TRANSFER}/")
    _elder_on(page)
    metrics = page.evaluate(
        """() => { const b = getComputedStyle(document.body), p = getComputedStyle(document.querySelector('main p'));
        return {size: parseFloat(b.fontSize), line: parseFloat(b.lineHeight), gap: parseFloat(p.marginBottom)}; }"""
    )
    assert metrics["size"] >= 18
    assert metrics["line"] / metrics["size"] >= 1.3
    assert metrics["gap"] >= 1.3 * metrics["line"]
    problems = _check(page, CITIZEN, "elder")
    page.goto("/kiosk/")  # the switch is remembered across pages, the kiosk's too
    assert page.locator("body.elder").count() == 1
    page.fill("#id-reader", NEWCOMER)
    page.press("#id-reader", "Enter")
    page.wait_for_selector("#kiosk-who")
    assert page.get_attribute("body", "data-idle") == "0"  # no timeouts in elder mode
    problems += _check(page, KIOSK, "elder-kiosk")
    assert not problems, "\n".join(problems)
    page.click("#elder-off")
    page.wait_for_selector("body:not(.elder)")
    assert page.get_attribute("body", "data-idle") != "0"


def test_the_kiosk_warns_then_forgets_an_idle_person(context, demo_catalog, person, settings):
    settings.ONEDOOR_KIOSK_IDLE_SECONDS = 2
    settings.ONEDOOR_KIOSK_WARNING_SECONDS = 2
    page = context.new_page()
    page.goto("/kiosk/")
    page.fill("#id-reader", NEWCOMER)
    page.press("#id-reader", "Enter")
    page.wait_for_selector("#kiosk-who")
    page.wait_for_selector("#idle-warning", state="visible", timeout=10_000)  # the visible warning first
    shot(page, "kiosk-idle-warning")
    page.click("#idle-stay")  # a touch keeps the session
    assert page.locator("#kiosk-who").count() == 1
    page.wait_for_selector("#id-reader", timeout=15_000)  # then, untouched, the session ends
    assert page.locator("#kiosk-who").count() == 0
