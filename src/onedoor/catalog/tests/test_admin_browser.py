"""A district administrator logs into the admin site in a real browser and finds the catalog."""

import pytest

from onedoor.conftest import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_district_admin_logs_into_the_admin_and_sees_only_their_catalog(page, adam, demo_catalog, hana):
    page.goto("/admin/login/?next=/admin/catalog/item/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/catalog/item/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() > 0
    objection = next(i for i in demo_catalog if "不动产异议登记" in i["name"])
    page.fill("#searchbar", objection["code"])
    page.keyboard.press("Enter")
    assert objection["code"] in page.locator("#result_list").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_other_districts_admin_sees_none_of_chanchengs_items(page, demo_catalog, hana):
    page.goto("/admin/login/?next=/admin/catalog/item/")
    page.fill("#id_username", "hana")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/catalog/item/")
    assert demo_catalog[0]["code"] not in page.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_in_the_admin_is_refused(page, adam):
    page.goto("/admin/login/")
    page.fill("#id_username", "adam")
    page.fill("#id_password", "not the password")
    page.locator("input[type=submit]").click()
    assert page.locator(".errornote").count() == 1
