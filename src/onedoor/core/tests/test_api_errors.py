"""Every error the API gives has the same body, {code, message, details}, with the message in the request's
language: domain errors, input that does not fit the schema, an unreadable body and a missing token."""

import pytest

VALIDATE = "/api/v1/identity/validate"


def test_input_that_does_not_fit_the_schema_is_a_422_in_chinese_by_default(client, db):
    response = client.post(VALIDATE, '{"number": [1, 2]}', content_type="application/json")
    body = response.json()
    assert response.status_code == 422
    assert body["code"] == "invalid_input"
    english = "Some of the input is missing or not valid: details.errors says where."
    assert body["message"] != english and "details.errors" in body["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    assert body["details"]["errors"][0]["loc"][:3] == ["body", "payload", "number"]


def test_the_422_message_is_english_when_asked(client, db):
    response = client.get("/api/v1/items?limit=zero", HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert response.status_code == 422
    assert body["message"] == "Some of the input is missing or not valid: details.errors says where."
    assert body["details"]["errors"][0]["loc"] == ["query", "limit"]


def test_a_body_that_is_not_json_is_a_400_with_a_localized_message(client, db):
    response = client.post(VALIDATE, "not json", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "code": "unreadable_request",
        "message": "The request could not be read: send a valid JSON body.",
        "details": {"reason": "Cannot parse request body"},
    }


@pytest.mark.parametrize("path", ["/api/v1/people?q=4406", "/api/v1/org/district", "/api/v1/org/centres"])
def test_a_staff_operation_without_a_token_is_a_401_with_the_same_body(client, db, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert response.status_code == 401
    assert (body["code"], body["details"]) == ("not_authenticated", {})
    assert "Authorization: Bearer" in body["message"]
