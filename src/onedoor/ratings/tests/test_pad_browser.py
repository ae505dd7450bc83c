"""The window's rating pad in headless Chromium: alice pairs the second screen, serves a visitor, the visitor
taps 非常不满意, picks a reason and submits; the pad thanks them and resets; the bad rating has opened a
rectification."""

from __future__ import annotations

import pytest

from onedoor.ratings.models import Rating
from onedoor.ratings.tests import helpers
from onedoor.staffdesk.tests.test_case_browser import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_rates_the_window_on_its_pad(page, live_server, alice):
    log_in(page, "alice")
    page.goto("/rate/window/440604-C/01/pair/")
    page.click("#pair-button")
    page.wait_for_selector("#pad-welcome")

    ticket = helpers.served_visit(alice)
    page.reload()
    page.wait_for_selector("#pad-ask")
    assert "非常满意" in page.inner_text("#level-5")
    shot(page, "rating-pad-ask")
    page.click("#level-1")
    assert "非常不满意" in page.inner_text("#chosen-level")
    page.click("#pad-submit")  # no reason given: the pad asks for one
    assert page.inner_text("#rating-error")
    page.check("#tag-waited_too_long")
    page.check("input[name=sub_attitude][value='2']")
    page.fill("#comment", "等了四十分钟")
    page.click("#pad-submit")
    page.wait_for_selector("#pad-thanks")
    rating = Rating.objects.get(ticket=ticket)
    assert (rating.level, rating.tags, rating.sub_scores["attitude"]) == (1, ["waited_too_long"], 2)
    assert rating.rectification.status == "open"
    page.goto("/rate/window/440604-C/01/")
    page.wait_for_selector("#pad-welcome")  # the next visitor starts afresh
