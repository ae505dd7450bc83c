"""The staff catalog page: drafts with lint problems, publishing, import with its report, export; and the
wall between districts."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from onedoor.catalog import services
from onedoor.catalog.importexport import catalog_export_json, catalog_export_xlsx, dump_json
from onedoor.catalog.models import Item, ItemVersion, VersionStatus
from onedoor.catalog.tests import factories as f
from onedoor.conftest import PASSWORD

PAGE = "/staff/catalog/"


def login(client, staff):
    assert client.login(username=staff.username, password=PASSWORD)
    return client


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def draft(chancheng, adam):
    item = services.item_create(district=chancheng, data=f.item(contact_phone=""), actor=adam)
    return item.versions.get()


@pytest.fixture
def good_draft(chancheng, adam):
    return services.item_create(district=chancheng, data=f.item("BDC-100"), actor=adam).versions.get()


def test_the_page_needs_a_login(client, chancheng):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_the_home_page_links_to_the_catalog(client, alice):
    assert reverse("staff-catalog") in login(client, alice).get("/staff/").content.decode()


def test_staff_of_the_district_see_drafts_with_their_lint_problems_but_no_write_controls(
    client, alice, draft
):
    page = login(client, alice).get(PAGE).content.decode()
    assert "BDC-001" in page and "contact_phone" in page
    assert reverse("staff-catalog-publish", args=[draft.pk]) not in page
    assert reverse("staff-catalog-import") not in page


def test_a_district_admin_sees_publish_buttons_and_the_import_form(client, adam, draft):
    page = login(client, adam).get(PAGE).content.decode()
    assert reverse("staff-catalog-publish", args=[draft.pk]) in page
    assert reverse("staff-catalog-import") in page


def test_publishing_a_clean_draft_makes_it_current(client, adam, good_draft):
    response = login(client, adam).post(reverse("staff-catalog-publish", args=[good_draft.pk]), follow=True)
    good_draft.refresh_from_db()
    assert good_draft.status == VersionStatus.PUBLISHED
    assert "BDC-100" in response.content.decode()


def test_publishing_a_draft_with_problems_shows_them_and_changes_nothing(client, adam, draft):
    response = login(client, adam).post(
        reverse("staff-catalog-publish", args=[draft.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert "was not published" in page and "contact_phone" in page
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_window_generalist_cannot_publish(client, alice, good_draft):
    response = login(client, alice).post(reverse("staff-catalog-publish", args=[good_draft.pk]))
    assert response.status_code == 403
    good_draft.refresh_from_db()
    assert good_draft.status == VersionStatus.DRAFT


def test_publishing_needs_a_post(client, adam, good_draft):
    assert login(client, adam).get(reverse("staff-catalog-publish", args=[good_draft.pk])).status_code == 405


def test_importing_a_good_json_file_shows_the_summary(client, adam, chancheng):
    payload = dump_json(f.catalog("440604", f.item(), f.item("BDC-002", name="不动产更正登记")))
    response = login(client, adam).post(
        reverse("staff-catalog-import"),
        {"file": upload("catalog.json", payload), "publish": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Import done" in page and "BDC-002" in page
    assert [i["code"] for i in catalog_export_json(chancheng)["items"]] == ["BDC-001", "BDC-002"]


def test_importing_without_publish_leaves_drafts_on_the_page(client, adam, chancheng):
    payload = dump_json(f.catalog("440604", f.item()))
    response = login(client, adam).post(reverse("staff-catalog-import"), {"file": upload("c.json", payload)})
    assert response.status_code == 200
    assert ItemVersion.objects.get(item__code="BDC-001").status == VersionStatus.DRAFT
    assert reverse("staff-catalog-publish", args=[ItemVersion.objects.get().pk]) in response.content.decode()


def test_importing_a_bad_workbook_shows_the_problem_table_and_changes_nothing(
    client, adam, chancheng, hetang
):
    services.version_publish(
        version=services.item_create(district=hetang, data=f.item(), actor=None).versions.get(), actor=None
    )
    book = load_workbook(io.BytesIO(catalog_export_xlsx(hetang)))
    header = [c.value for c in book["items"][1]]
    book["items"].cell(row=2, column=header.index("subject") + 1, value="company")
    out = io.BytesIO()
    book.save(out)
    response = login(client, adam).post(
        reverse("staff-catalog-import"),
        {"file": upload("c.xlsx", out.getvalue()), "publish": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "nothing was changed" in page
    assert "<td>items</td><td>2</td><td><code>subject</code></td>" in page
    assert not Item.objects.filter(district=chancheng).exists()


def test_uploading_something_else_is_refused(client, adam, chancheng):
    response = login(client, adam).post(reverse("staff-catalog-import"), {"file": upload("c.csv", b"a,b")})
    assert response.status_code == 400
    response = login(client, adam).post(reverse("staff-catalog-import"), {"file": upload("c.xlsx", b"a,b")})
    assert response.status_code == 422
    assert not Item.objects.exists()


def test_a_window_generalist_cannot_import(client, alice, chancheng):
    payload = dump_json(f.catalog("440604", f.item()))
    response = login(client, alice).post(reverse("staff-catalog-import"), {"file": upload("c.json", payload)})
    assert response.status_code == 403
    assert not Item.objects.exists()


def test_staff_download_the_published_catalog_as_xlsx_and_json(client, alice, chancheng, adam):
    services.version_publish(
        version=services.item_create(district=chancheng, data=f.item(), actor=adam).versions.get(), actor=adam
    )
    login(client, alice)
    response = client.get(reverse("staff-catalog-export", args=["json"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["items"][0]["code"] == "BDC-001"
    response = client.get(reverse("staff-catalog-export", args=["xlsx"]))
    assert load_workbook(io.BytesIO(response.content))["items"]["A2"].value == "BDC-001"
    assert client.get(reverse("staff-catalog-export", args=["csv"])).status_code == 404
