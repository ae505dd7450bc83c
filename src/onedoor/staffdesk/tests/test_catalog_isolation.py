"""Hetang's administrator can neither publish, import into, nor read the drafts of Chancheng's catalog —
through the staff page or the API — and Chancheng's items never show in Hetang's API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onedoor.catalog import services
from onedoor.catalog.importexport import dump_json
from onedoor.catalog.models import Item, VersionStatus
from onedoor.catalog.tests import factories as f
from onedoor.conftest import PASSWORD


@pytest.fixture
def chancheng_catalog(chancheng, adam):
    published = services.item_create(district=chancheng, data=f.item("CC-PUBLISHED"), actor=adam)
    services.version_publish(version=published.versions.get(), actor=adam)
    draft = services.item_create(district=chancheng, data=f.item("CC-DRAFT", name="禅城草稿事项"), actor=adam)
    return draft.versions.get()


@pytest.fixture
def as_hana(client, hana):
    assert client.login(username="hana", password=PASSWORD)
    return client


def test_hetangs_admin_does_not_see_chanchengs_drafts_on_the_page(as_hana, chancheng_catalog):
    page = as_hana.get("/staff/catalog/").content.decode()
    assert "CC-DRAFT" not in page and "禅城草稿事项" not in page


def test_hetangs_admin_cannot_publish_chanchengs_draft(as_hana, chancheng_catalog):
    response = as_hana.post(reverse("staff-catalog-publish", args=[chancheng_catalog.pk]))
    assert response.status_code == 404
    chancheng_catalog.refresh_from_db()
    assert chancheng_catalog.status == VersionStatus.DRAFT


def test_hetangs_admin_imports_only_into_hetang(as_hana, chancheng, hetang, chancheng_catalog):
    payload = dump_json(f.catalog("440604", f.item("CC-PUBLISHED", name="改名")))
    response = as_hana.post(
        reverse("staff-catalog-import"), {"file": SimpleUploadedFile("c.json", payload), "publish": "on"}
    )
    assert response.status_code == 200
    assert Item.objects.get(district=hetang, code="CC-PUBLISHED").current.name == "改名"
    assert Item.objects.get(district=chancheng, code="CC-PUBLISHED").current.name == "不动产异议登记"


def test_hetangs_export_holds_nothing_of_chancheng(as_hana, chancheng_catalog):
    response = as_hana.get(reverse("staff-catalog-export", args=["json"]))
    assert response.json()["items"] == [] and response.json()["district"] == "440699"


def test_chanchengs_items_never_show_in_hetangs_api(client, hetang, chancheng_catalog):
    assert client.get("/api/v1/items?district=440699").json()["items"] == []
    assert client.get("/api/v1/items/CC-PUBLISHED?district=440699").status_code == 404
    assert [r["code"] for r in client.get("/api/v1/items?district=440604").json()["items"]] == [
        "CC-PUBLISHED"
    ]


def test_drafts_are_never_readable_through_the_api(client, bearer, hana, chancheng_catalog):
    for district in ("440604", "440699"):
        response = client.get(f"/api/v1/items/CC-DRAFT?district={district}", **bearer(hana))
        assert response.status_code == 404
