"""Citizens find a service in their own words and read its guide."""

import html
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect


def test_a_citizen_finds_the_objection_registration_in_everyday_words(client, demo_catalog):
    page = client.get(reverse("guide-search"), {"q": "房子登记有异议"}).content.decode()
    assert "不动产异议登记" in page


def test_the_guide_page_shows_materials_criteria_and_the_process(client, demo_catalog):
    item = next(i for i in demo_catalog if "不动产异议登记" in i["name"])
    page = client.get(reverse("guide-item", args=["440604", item["code"]])).content.decode()
    assert item["name"] in page
    for material in item["materials"]:
        assert material["name"] in page
        for criterion in material["criteria"]:
            assert criterion["text"] in page
    for stage in item["stages"]:
        assert stage["name"] in page
    assert item["complaint_phone"] in page


def test_filters_narrow_the_list_to_enterprise_services(client, demo_catalog):
    page = client.get(reverse("guide-search"), {"subject": "enterprise"}).content.decode()
    enterprise = next(i for i in demo_catalog if i["subject"] == "enterprise")
    person = next(i for i in demo_catalog if i["subject"] == "person")
    assert enterprise["name"] in page
    assert person["name"] not in page


def test_an_unknown_item_is_a_404(client, demo_catalog):
    assert client.get(reverse("guide-item", args=["440604", "NOPE"])).status_code == 404


def test_another_districts_item_is_not_shown_under_this_district(client, demo_catalog, hetang):
    item = demo_catalog[0]
    assert client.get(reverse("guide-item", args=[hetang.code, item["code"]])).status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_search_leads_to_a_printable_guide(page, demo_catalog):
    page.goto("/guide/")
    page.fill("#q", "生孩子上户口")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="出生登记").first.click()
    expect(page.locator("h1")).to_contain_text("出生登记")  # waits for the guide page, not the results page
    assert (
        page.get_by_role("button", name="打印").count() + page.get_by_role("button", name="Print").count()
        == 1
    )
    page.set_viewport_size({"width": 360, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 1, "the guide page must not scroll sideways on a 360 px phone"


def _codes(page: str) -> set[str]:
    return set(re.findall(r"/guide/440604/([^/\"]+)/", page))


def test_browsing_a_theme_lists_every_item_of_that_theme(client, demo_catalog):
    wanted = {i["code"] for i in demo_catalog if "医疗卫生" in i.get("themes", [])}
    assert len(wanted) > 5
    page = client.get(reverse("guide-search"), {"theme": "医疗卫生"}).content.decode()
    assert _codes(page) == wanted


def test_browsing_reaches_every_published_item_page_by_page(client, demo_catalog):
    seen, url, pages = set(), reverse("guide-search"), 0
    while url:
        page = client.get(url).content.decode()
        seen |= _codes(page)
        more = re.search(r'href="(\?[^"]+)" rel="next"', page)
        url = reverse("guide-search") + html.unescape(more.group(1)) if more else None
        pages += 1
    assert seen == {i["code"] for i in demo_catalog}
    assert pages == 2


def test_a_guide_is_rendered_once_and_the_apply_section_follows_the_visitor(
    client, demo_catalog, django_assert_max_num_queries
):
    item = next(i for i in demo_catalog if i["depth"] >= 3 and i["subject"] == "person")
    url = reverse("guide-item", args=["440604", item["code"]])
    first = client.get(url).content.decode()
    with django_assert_max_num_queries(
        2
    ):  # the district and the session: the guide itself comes from the cache
        again = client.get(url).content.decode()
    unmasked = lambda text: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)  # noqa: E731
    assert unmasked(again) == unmasked(first) and item["name"] in again and 'id="apply-login"' in again
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What to bring" in english or english != first  # one rendering per language


def test_browsing_a_life_event_lists_its_items_and_narrows_a_search(client, demo_catalog):
    event = "出生"
    expected = {i["code"] for i in demo_catalog if event in (i.get("life_events") or [])}
    assert expected
    page = client.get(reverse("guide-search"), {"district": "440604", "event": event}).content.decode()
    assert f'<option value="{event}" selected>' in page
    listed = set(re.findall(r"/guide/440604/(440604-[A-Z]+-\d+)/", page))
    assert listed == expected
    searched = client.get(reverse("guide-search"), {"q": "证明", "event": event}).content.decode()
    assert set(re.findall(r"/guide/440604/(440604-[A-Z]+-\d+)/", searched)) <= expected


def test_every_item_has_a_form_to_print(client, demo_catalog):
    item = next(i for i in demo_catalog if i["subject"] == "person")
    guide = client.get(reverse("guide-item", args=["440604", item["code"]])).content.decode()
    assert 'id="form-link"' in guide
    form = client.get(reverse("guide-form", args=["440604", item["code"]])).content.decode()
    assert 'id="application-form"' in form and 'id="print-form"' in form
    for material in item["materials"]:
        assert material["name"] in form
    assert 'id="f-number" value=""' in form  # blank for an anonymous visitor
