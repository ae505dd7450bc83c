"""The trend chart in a real browser: ECharts from the static files draws under the page's CSP."""

import pytest

from onedoor.scores.rollup import scores_refresh
from onedoor.staffdesk.tests.test_case_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_trend_chart_is_drawn_with_no_csp_violation(page, october, sam):
    scores_refresh(district=october.district)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(page, "sam")
    page.goto("/staff/scores/?unit=department&from=2025-10-01&to=2025-10-31")
    page.click(f"text={october.d1.name}")
    page.wait_for_selector("#trend-chart canvas")
    assert page.locator("#trend-table tbody tr").count() == 10  # January to October 2025
    assert violations == []
