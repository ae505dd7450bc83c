"""The catalog page in headless Chromium at 360 px: an administrator uploads a file with a problem, reads
the report without scrolling sideways, then publishes a clean draft with its button."""

from __future__ import annotations

import pytest

from onedoor.catalog import services
from onedoor.catalog.importexport import dump_json
from onedoor.catalog.models import Item, VersionStatus
from onedoor.catalog.tests import factories as f
from onedoor.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def test_an_admin_reads_an_import_report_and_publishes_a_draft_at_360_px(page, adam, chancheng, tmp_path):
    draft = services.item_create(district=chancheng, data=f.item("BDC-100"), actor=adam).versions.get()
    bad = tmp_path / "catalog.json"
    bad.write_bytes(
        dump_json(f.catalog("440604", f.item("BDC-200", materials=[f.material("M01", "其他相关材料")])))
    )

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/staff/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/staff/")

    page.goto("/staff/catalog/")
    page.set_input_files("input[type=file]", str(bad))
    page.click("form[enctype] button[type=submit]")
    report = page.locator("table.report")
    report.wait_for()
    assert "materials[0].name" in report.inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert not Item.objects.filter(code="BDC-200").exists()

    page.click(f"form[action$='/versions/{draft.pk}/publish/'] button")
    page.wait_for_url("**/staff/catalog/")
    assert "BDC-100" in page.locator(".messages").inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
