"""A NUL character in an address or a parameter is refused with a 4xx on both databases. PostgreSQL cannot
compare text holding a NUL, so before the refusal these were 500s there (and worked on SQLite)."""

import base64
import json

import pytest

CURSOR_WITH_NUL = base64.urlsafe_b64encode(json.dumps({"after": "\x00"}).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/items?district=%00", 422),
        ("/api/v1/items?department=BDC%00", 422),
        ("/api/v1/items?theme=%00", 422),
        ("/api/v1/items?q=%00", 422),
        (f"/api/v1/items?cursor={CURSOR_WITH_NUL}", 400),
        ("/api/v1/items/%00", 422),
        ("/api/v1/items/440604-BDC-001?district=%00", 422),
        ("/api/v1/keys/%00", 422),
    ],
)
def test_the_public_api_refuses_a_nul_with_the_error_body(client, demo_catalog, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["code"] in {"invalid_input", "bad_cursor"}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/people?q=%00",
        "/api/v1/people?q=4406%00",
        "/api/v1/people/44060419900101123%00",
        "/api/v1/people/enterprises/%00?purpose=x",
        "/api/v1/people/44060419900101123X?purpose=%00",
    ],
)
def test_the_staff_api_refuses_a_nul_with_a_422(client, alice, bearer, url):
    response = client.get(url, **bearer(alice))
    assert (response.status_code, response.json()["code"]) == (422, "invalid_input")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/guide/?department=%00", 400),
        ("/guide/?district=%00", 400),
        ("/guide/440604/%00/", 404),
        ("/admin/people/person/?q=%00", 400),
    ],
)
def test_pages_refuse_a_nul_with_a_localized_page(client, adam, url, status):
    client.force_login(adam)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    title = {400: "Bad request", 404: "Page not found"}[status]
    assert title in response.content.decode()


def test_a_page_without_a_nul_is_served_as_before(client, demo_catalog):
    assert client.get("/guide/?department=BDC").status_code == 200
