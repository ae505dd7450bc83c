"""Bodies the identity API cannot take: a NUL character in a string (PostgreSQL cannot hold one) and a JSON
value that is not an object. Both are a 422 that says why in the caller's language, and nothing is written."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

VALIDATE = "/api/v1/identity/validate"
WRITES = ("INSERT", "UPDATE", "DELETE")


def post(client, body: str, lang: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(VALIDATE, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    return response, writes


@pytest.mark.parametrize("number", ["44060419900101123X\u0000", "\u0000", "4406\u000004199001"])
def test_a_nul_in_the_body_is_refused_with_a_localized_422_and_writes_nothing(client, db, number):
    body = json.dumps({"number": number})
    response, writes = post(client, body, "zh-hans")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert response.json()["message"] == "文本不能包含空字符（\\u0000），请删除后重新提交。"
    assert writes == []
    english, _ = post(client, body, "en")
    assert english.json()["message"].startswith("Text cannot contain the NUL character")
    nul_errors = [
        e for e in english.json()["details"]["errors"] if e["loc"][:3] == ["body", "payload", "number"]
    ]
    assert any("NUL" in e["msg"] for e in nul_errors)


@pytest.mark.parametrize(
    "body", ["[]", '["44060419900101123X"]', '[{"number": "44060419900101123X"}]', '"x"', "1", "null"]
)
def test_a_body_that_is_not_a_json_object_is_refused_with_a_localized_422(client, db, body):
    response, writes = post(client, body, "zh-hans")
    assert response.status_code == 422
    payload = response.json()
    assert payload["code"] == "invalid_input"
    assert payload["message"].startswith("请求正文必须是包含字段名的 JSON 对象")
    assert [e["type"] for e in payload["details"]["errors"]] == ["object_expected"]
    assert writes == []
    english, _ = post(client, body, "en")
    assert english.json()["message"].startswith("The request body must be a JSON object")


def test_an_object_is_still_checked_as_before(client, db):
    response, _ = post(client, json.dumps({"number": "11010519491231002X"}), "en")
    assert (response.status_code, response.json()["valid"]) == (200, True)
    empty, _ = post(client, "{}", "en")
    assert (empty.status_code, empty.json()["error_code"]) == (200, "empty")
