"""The public catalog API: list with filters and cursor pages (never a COUNT), and item detail."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onedoor.catalog.canonical import default_stages
from onedoor.catalog.importexport import catalog_import, dump_json
from onedoor.catalog.tests import factories as f
from onedoor.districts.services import department_create


def publish(district, *items):
    report = catalog_import(
        district=district, payload=dump_json(f.catalog(district.code, *items)), fmt="json", actor=None
    )
    assert report.ok, report.problems


def instant(code, **fields):
    return f.item(code, kind="instant", stages=default_stages("confirmation", "instant"), **fields)


@pytest.fixture
def catalog(chancheng):
    department_create(district=chancheng, code="MZ", name="民政局")
    publish(
        chancheng,
        f.item("BDC-001"),
        instant(
            "BDC-002",
            name="不动产登记资料查询",
            depth=4,
            visits=0,
            visits_reason="",
            themes=["不动产", "查询"],
        ),
        instant("MZ-001", department="MZ", name="结婚登记", themes=["婚姻"]),
        f.item("MZ-002", department="MZ", name="社会团体成立登记", subject="enterprise"),
    )
    return chancheng


def codes(response):
    return [row["code"] for row in response.json()["items"]]


def test_the_list_shows_published_items_by_code_with_the_agreed_fields(client, catalog):
    response = client.get("/api/v1/items")
    assert response.status_code == 200
    assert codes(response) == ["BDC-001", "BDC-002", "MZ-001", "MZ-002"]
    row = response.json()["items"][1]
    assert row == {
        "code": "BDC-002",
        "name": "不动产登记资料查询",
        "subject": "person",
        "department": "BDC",
        "department_name": "不动产登记中心",
        "instant": True,
        "depth": 4,
        "promised_limit": 0,
        "legal_limit": 0,
    }
    assert response.json()["next"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("subject=enterprise", ["MZ-002"]),
        ("department=MZ", ["MZ-001", "MZ-002"]),
        ("instant=true", ["BDC-002", "MZ-001"]),
        ("instant=false", ["BDC-001", "MZ-002"]),
        ("depth=4", ["BDC-002"]),
        ("theme=查询", ["BDC-002"]),
        ("theme=不动产", ["BDC-001", "BDC-002", "MZ-002"]),
        ("theme=婚姻&instant=true", ["MZ-001"]),
        ("department=NOPE", []),
    ],
)
def test_the_list_filters(client, catalog, query, expected):
    assert codes(client.get(f"/api/v1/items?{query}")) == expected


def test_the_cursor_walks_every_item_once_without_counting(client, catalog):
    seen, url = [], "/api/v1/items?limit=3"
    with CaptureQueriesContext(connection) as queries:
        while url:
            body = client.get(url).json()
            seen += [row["code"] for row in body["items"]]
            url = f"/api/v1/items?limit=3&cursor={body['next']}" if body["next"] else None
    assert seen == ["BDC-001", "BDC-002", "MZ-001", "MZ-002"]
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


def test_a_bad_cursor_is_a_localized_400(client, catalog):
    response = client.get("/api/v1/items?cursor=%%%")
    assert response.status_code == 400 and response.json()["code"] == "bad_cursor"


@pytest.mark.parametrize("query", ["limit=1000", "limit=0", "depth=7", "depth=0"])
def test_a_limit_or_depth_out_of_range_is_a_422_naming_the_parameter(client, catalog, query):
    response = client.get(f"/api/v1/items?{query}")
    body = response.json()
    assert response.status_code == 422 and body["code"] == "invalid_input"
    assert [error["loc"][-1] for error in body["details"]["errors"]] == [query.split("=")[0]]


def test_the_detail_has_guide_materials_criteria_and_stages(client, catalog):
    response = client.get("/api/v1/items/BDC-001")
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["version"], body["handling_place"]) == (
        "BDC-001",
        1,
        "禅城区行政服务中心一楼综合窗口",
    )
    assert body["materials"][0]["criteria"][0]["id"] == "M01-1"
    assert {"id", "text"} <= set(body["materials"][0]["criteria"][0])
    assert [s["code"] for s in body["stages"]] == ["accept", "undertake", "review", "approve", "complete"]
    assert body["valid_from"] and body["valid_to"] is None


def test_an_unknown_code_is_a_localized_404(client, catalog):
    response = client.get("/api/v1/items/NOPE", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json()["code"] == "item_not_found"
    assert response.json()["message"] == "No published item with this code in this district."


def test_an_unknown_district_is_a_404(client, catalog):
    assert client.get("/api/v1/items?district=000000").status_code == 404


def test_drafts_are_not_in_the_api(client, chancheng, adam):
    from onedoor.catalog import services

    services.item_create(district=chancheng, data=f.item("DRAFT-1"), actor=adam)
    assert codes(client.get("/api/v1/items")) == []
    assert client.get("/api/v1/items/DRAFT-1").status_code == 404


def test_a_query_in_everyday_words_ranks_the_item_first_with_a_score(client, catalog):
    body = client.get("/api/v1/items", {"q": "房子登记有异议"}).json()
    assert body["items"][0]["code"] == "BDC-001"
    assert body["items"][0]["score"] > 0
    assert all("score" in row for row in body["items"])


def test_a_query_respects_the_filters(client, catalog):
    body = client.get("/api/v1/items", {"q": "登记", "department": "MZ"}).json()
    assert body["items"] and {row["code"][:2] for row in body["items"]} == {"MZ"}


def test_search_results_page_with_the_cursor_without_repeats(client, catalog):
    first = client.get("/api/v1/items", {"q": "登记", "limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"]
    second = client.get("/api/v1/items", {"q": "登记", "limit": 1, "cursor": first["next"]}).json()
    assert second["items"][0]["code"] != first["items"][0]["code"]
