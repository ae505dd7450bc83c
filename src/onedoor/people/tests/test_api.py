"""The identity and people API through the Django test client: public validation, masked lists, logged
full views, and district isolation (another district's person answers 404 like an unknown one)."""

import json

import pytest

from onedoor.people import services
from onedoor.people.models import AccessKind, DataAccess
from onedoor.people.tests.factories import credit_code

VALIDATE = "/api/v1/identity/validate"


def validate(client, number, lang=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": lang} if lang else {}
    return client.post(VALIDATE, json.dumps({"number": number}), content_type="application/json", **headers)


# --- public validation ----------------------------------------------------------------------------


def test_a_valid_number_is_described(client, db):
    body = validate(client, "11010519491231002x").json()
    assert body == {
        "valid": True,
        "kind": "resident",
        "number": "11010519491231002X",
        "error": None,
        "error_code": None,
        "birth_date": "1949-12-31",
        "sex": "F",
        "region_code": "110105",
    }


def test_a_valid_credit_code_is_described(client, db):
    body = validate(client, "91350100M000100Y43").json()
    assert (body["valid"], body["kind"], body["region_code"]) == (True, "uscc", "350100")


def test_an_invalid_number_gets_a_reason_in_english_when_asked(client, db):
    response = validate(client, "440524188001010015", lang="en")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False
    assert body["error"] == "The check digit is wrong: expected 4."
    assert body["error_code"] == "check_char"


def test_the_default_language_is_simplified_chinese(client, db):
    response = validate(client, "440524188001010015")
    assert response["Content-Language"] == "zh-hans"


@pytest.mark.parametrize(
    "garbage", ["", "   ", "x" * 1000, "\u0001\u0002", "'; DROP TABLE people_person; --", "👍" * 300]
)
def test_garbage_gets_valid_false_and_a_reason_never_a_500(client, db, garbage):
    response = validate(client, garbage, lang="en")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False and body["error"]


def test_a_thousand_characters_report_their_real_length(client, db):
    assert "1000" in validate(client, "4" * 1000, lang="en").json()["error"]


def test_a_number_sent_as_a_json_integer_is_checked_too(client, db):
    assert validate(client, 440524188001010014).json()["valid"] is True


def test_a_missing_or_broken_body_is_a_client_error(client, db):
    assert client.post(VALIDATE, "{}", content_type="application/json").json()["valid"] is False
    unreadable = client.post(VALIDATE, "not json", content_type="application/json")
    assert (unreadable.status_code, unreadable.json()["code"]) == (400, "unreadable_request")
    wrong_type = client.post(VALIDATE, json.dumps({"number": [1, 2]}), content_type="application/json")
    assert (wrong_type.status_code, wrong_type.json()["code"]) == (422, "invalid_input")


# --- staff endpoints ------------------------------------------------------------------------------


def test_staff_endpoints_need_a_token(client, zhang):
    assert client.get("/api/v1/people?q=张").status_code == 401
    assert client.get(f"/api/v1/people/{zhang.id_number}?purpose=x").status_code == 401


def test_the_list_shows_masked_numbers_and_names(client, alice, bearer, zhang):
    rows = client.get("/api/v1/people?q=张", **bearer(alice)).json()
    assert rows == [
        {"kind": "resident", "id": zhang.pk, "number": "440604********123X", "name": "张**", "sex": "M"}
    ]
    assert "44060419900101123X" not in json.dumps(rows)


def test_a_full_view_returns_everything_and_logs_a_data_access(client, alice, bearer, zhang, chancheng):
    services.record_add(
        district=chancheng,
        person=zhang,
        record_type="household_register",
        payload={"address": "祖庙路1号"},
        source_kind="department",
        source_department=chancheng.test_department,
        trust_level="A",
        actor=None,
    )
    response = client.get(f"/api/v1/people/{zhang.id_number.lower()}?purpose=办理居住证", **bearer(alice))
    assert response.status_code == 200
    body = response.json()
    assert (body["id_number"], body["phone"], body["name"]) == ("44060419900101123X", "13812345678", "张三丰")
    assert body["records"][0]["payload"] == {"address": "祖庙路1号"}
    access = DataAccess.objects.get()
    assert (access.kind, access.staff, access.purpose, access.channel) == (
        AccessKind.FULL_VIEW,
        alice,
        "办理居住证",
        "api",
    )


def test_a_full_view_without_a_purpose_is_a_400_with_a_reason(client, alice, bearer, zhang):
    response = client.get(f"/api/v1/people/{zhang.id_number}", HTTP_ACCEPT_LANGUAGE="en", **bearer(alice))
    assert response.status_code == 400
    assert response.json()["code"] == "purpose_required"
    assert "why" in response.json()["message"]
    assert not DataAccess.objects.exists()


def test_a_malformed_number_is_a_400_with_the_reason(client, alice, bearer, db):
    response = client.get(
        "/api/v1/people/440524188001010015?purpose=x", HTTP_ACCEPT_LANGUAGE="en", **bearer(alice)
    )
    assert response.status_code == 400
    assert response.json()["message"] == "The check digit is wrong: expected 4."


def test_records_list_type_trust_and_source_without_the_payload(client, alice, bearer, zhang, chancheng):
    services.record_add(
        district=chancheng,
        person=zhang,
        record_type="marriage",
        payload={"spouse": "李四"},
        source_kind="department",
        trust_level="A",
        actor=None,
    )
    rows = client.get(f"/api/v1/people/{zhang.id_number}/records", **bearer(alice)).json()
    assert [(r["record_type"], r["trust_level"], r["source_kind"]) for r in rows] == [
        ("marriage", "A", "department")
    ]
    assert "payload" not in rows[0]
    assert not DataAccess.objects.exists()


def test_the_person_can_be_shown_who_used_their_data_and_why(client, alice, bearer, zhang):
    client.get(f"/api/v1/people/{zhang.id_number}?purpose=核对地址", **bearer(alice))
    rows = client.get(f"/api/v1/people/{zhang.id_number}/accesses", **bearer(alice)).json()
    assert [(r["kind"], r["staff"], r["purpose"], r["channel"]) for r in rows] == [
        ("full_view", "alice", "核对地址", "api")
    ]


def test_an_enterprise_full_view_is_logged(client, alice, bearer, chancheng):
    code = credit_code("MA4UL123")
    enterprise = services.enterprise_register(
        district=chancheng, uscc=code, name="佛山市禅城区华盛陶瓷有限公司", actor=None
    )
    response = client.get(f"/api/v1/people/enterprises/{code.lower()}?purpose=核验营业执照", **bearer(alice))
    assert response.status_code == 200
    assert response.json()["uscc"] == code
    assert DataAccess.objects.get().enterprise == enterprise


# --- isolation ------------------------------------------------------------------------------------


def test_bob_of_hetang_gets_404_for_a_chancheng_person_like_an_unknown_one(client, bob, bearer, zhang):
    headers = bearer(bob)
    unknown = client.get("/api/v1/people/440604197203150044?purpose=x", **headers)
    other = client.get(f"/api/v1/people/{zhang.id_number}?purpose=x", **headers)
    assert unknown.status_code == other.status_code == 404
    assert unknown.json() == other.json()
    assert client.get(f"/api/v1/people/{zhang.id_number}/records", **headers).status_code == 404
    assert client.get(f"/api/v1/people/{zhang.id_number}/accesses", **headers).status_code == 404
    assert client.get("/api/v1/people?q=张", **headers).json() == []
    assert client.get("/api/v1/people?q=4406", **headers).json() == []
    assert not DataAccess.objects.exists()


def test_bob_cannot_see_who_viewed_a_chancheng_person(client, alice, bob, bearer, zhang):
    client.get(f"/api/v1/people/{zhang.id_number}?purpose=办理居住证", **bearer(alice))
    response = client.get(f"/api/v1/people/{zhang.id_number}/accesses", **bearer(bob))
    assert response.status_code == 404
    assert "办理居住证" not in response.content.decode()


def test_an_enterprise_of_another_district_is_404(client, bob, bearer, chancheng):
    code = credit_code("MA4UL123")
    services.enterprise_register(district=chancheng, uscc=code, name="禅城公司", actor=None)
    assert client.get(f"/api/v1/people/enterprises/{code}?purpose=x", **bearer(bob)).status_code == 404
