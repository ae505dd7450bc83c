"""The queue in headless Chromium: a window generalist picks a window, hands out tickets, calls them; the
public display board shows the call and then, by itself, the next one; the capacity planner compares one
pooled queue with a queue per department from the centre's recorded tickets."""

from __future__ import annotations

import pytest

from onedoor.staffdesk.tests.test_case_browser import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tickets_are_called_at_a_window_and_the_board_follows_by_itself(page, browser, live_server, alice):
    log_in(page, "alice")
    page.click("#tickets-link")
    page.select_option("#ticket-window", label="01 综合窗口01")
    page.click("#window-form button")
    for kind in ("walk_in", "walk_in"):
        page.select_option("#id_kind", kind)
        page.click("#take-ticket")
        page.wait_for_selector(".messages li.success")
    page.select_option("#id_kind", "priority")
    page.click("#take-ticket")
    assert "说明" in page.inner_text(".messages")  # a priority ticket needs its reason
    page.fill("#id_priority_reason", "老年人")
    page.click("#take-ticket")
    assert page.inner_text("#waiting-list").count("A00") == 2
    assert "V001" in page.inner_text("#waiting-list")

    page.click("#call-next")
    assert page.inner_text("#current-ticket") == "V001"  # priority first
    shot(page, "tickets-console")

    board_context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    board = board_context.new_page()
    board.goto("/board/440604/440604-C/")
    assert board.inner_text("#board-calls .board-call .number") == "V001"
    assert "01" in board.inner_text("#board-calls .board-call .window")

    page.click("#call-next")  # V001 served, A001 called
    assert page.inner_text("#current-ticket") == "A001"
    board.wait_for_selector("#board-calls .board-call[data-number='A001']", timeout=8_000)  # refreshed itself
    assert board.inner_text("#board-calls .board-call .number") == "A001"
    assert "1" in board.inner_text("#board-waiting")
    shot(board, "tickets-board")
    board_context.close()  # it would go on asking the server after the test

    page.click("#recall")
    assert "再次呼叫 A001" in page.inner_text(".messages")
    page.click("#skip")
    assert page.inner_text("#current-ticket") != "A001"

    page.click("#planner-link")
    assert "3" in page.inner_text("#recorded")  # the three tickets of today are the planner's defaults
    page.fill("#id_arrivals_per_hour", "60")
    page.fill("#id_service_minutes", "8")
    page.fill("#id_windows", "10")
    page.fill("#id_target_minutes", "5")
    page.click("#planner-form button")
    assert page.inner_text("#mean-wait") == "1.6"  # Erlang C, 10 windows, 8 erlangs
    assert page.inner_text("#windows-needed") == "10"  # 9 windows would mean 5.2 minutes
    shot(page, "tickets-planner")
