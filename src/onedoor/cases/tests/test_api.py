"""The case API end to end through HTTP: accept (idempotent), read, list, act, public progress, verify."""

import uuid
from datetime import datetime, timedelta

import pytest

from onedoor.cases.models import Case
from onedoor.core import clock
from onedoor.districts import services as district_services
from onedoor.people import idnumbers
from onedoor.people import services as people_services

BODY17 = "44060419770315262"


@pytest.fixture
def number(chancheng, alice):
    number = BODY17 + idnumbers.resident_check_char(BODY17)
    people_services.person_register(district=chancheng, id_number=number, name="黄志华", actor=alice)
    return number


def _item(catalog, **want):
    return next(
        i
        for i in catalog
        if all(i[k] == v for k, v in want.items()) and "district" in (i["levels"] or ["district"])
    )


def _body(item, number, **extra):
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    return {"item_code": item["code"], "applicant": number, "materials": materials, **extra}


def fresh_key() -> dict:
    """A new Idempotency-Key header, as a client sends with each new write."""
    return {"HTTP_IDEMPOTENCY_KEY": uuid.uuid4().hex}


def _post(client, headers, body, key="key-1"):
    return client.post(
        "/api/v1/cases", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **headers
    )


def test_accepting_twice_with_one_key_gives_one_case(client, demo_catalog, alice, bearer, number):
    headers = bearer(alice)
    item = _item(demo_catalog, kind="instant", subject="person")
    first = _post(client, headers, _body(item, number))
    assert first.status_code == 201, first.json()
    again = _post(client, headers, _body(item, number))
    assert again.status_code == 200
    assert again.json()["number"] == first.json()["number"]
    assert first.json()["status"] == "completed" and first.json()["certificate_id"]
    assert Case.objects.count() == 1
    shown = client.get(f"/api/v1/cases/{first.json()['number']}", **headers).json()
    assert shown["materials"] == first.json()["materials"] and len(shown["materials"]) == len(
        item["materials"]
    )
    assert shown["certificate_id"] == first.json()["certificate_id"]


def test_the_same_key_with_a_different_body_is_a_conflict(client, demo_catalog, alice, bearer, number):
    headers = bearer(alice)
    items = [
        i
        for i in demo_catalog
        if i["kind"] == "instant" and i["subject"] == "person" and "district" in (i["levels"] or ["district"])
    ]
    assert _post(client, headers, _body(items[0], number)).status_code == 201
    response = _post(client, headers, _body(items[1], number))
    assert response.status_code == 409 and response.json()["code"] == "idempotency_key_reused"


def test_a_missing_idempotency_key_is_refused(client, demo_catalog, alice, bearer, number):
    item = _item(demo_catalog, kind="instant", subject="person")
    response = client.post(
        "/api/v1/cases", _body(item, number), content_type="application/json", **bearer(alice)
    )
    assert response.status_code == 422
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "change,code",
    [
        ({"item_code": "NO-SUCH-ITEM"}, "item_not_found"),
        ({"applicant": "440604197703152620"}, "invalid_number"),
        ({"materials": []}, "materials_incomplete"),
        ({"mode": "trust_first"}, "trust_first_not_allowed"),
        ({"channel": "bogus"}, "bad_channel"),
        ({"materials": [{"code": "ZZZ", "received": True}]}, "unknown_material"),
    ],
)
def test_bad_input_gets_a_localized_4xx_and_writes_nothing(
    client, demo_catalog, alice, bearer, number, change, code
):
    item = next(
        i
        for i in demo_catalog
        if i["kind"] == "promised"
        and not i["trust_first"]
        and i["subject"] == "person"
        and "district" in (i["levels"] or ["district"])
        and any(m["necessity"] == "required" and m["source"] == "applicant" for m in i["materials"])
    )
    response = _post(
        client, {**bearer(alice), "HTTP_ACCEPT_LANGUAGE": "en"}, {**_body(item, number), **change}
    )
    assert 400 <= response.status_code < 500
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert not Case.objects.exists()


def test_a_criterion_the_checklist_does_not_have_is_refused(client, demo_catalog, alice, bearer, number):
    item = next(
        i for i in demo_catalog if i["subject"] == "person" and any(m["criteria"] for m in i["materials"])
    )
    body = _body(item, number)
    checked = next(m for m in body["materials"] if m["criteria"])
    checked["criteria"]["no-such-criterion"] = True
    response = _post(client, bearer(alice), body)
    assert response.status_code == 400 and response.json()["code"] == "unknown_criterion"
    assert "no-such-criterion" in response.json()["message"]
    assert not Case.objects.exists()


def test_a_correction_may_list_only_the_items_materials(client, demo_catalog, alice, olivia, bearer, number):
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    created = _post(client, bearer(alice), _body(item, number)).json()
    url = f"/api/v1/cases/{created['number']}/actions"
    asked = {"action": "request_correction", "reason": "材料不清晰", "materials": ["NOPE"]}
    response = client.post(url, asked, content_type="application/json", **fresh_key(), **bearer(olivia))
    assert response.status_code == 400 and response.json()["code"] == "unknown_material"
    assert client.get(f"/api/v1/cases/{created['number']}", **bearer(olivia)).json()["status"] == "undertake"
    asked["materials"] = [item["materials"][0]["code"]]
    response = client.post(url, asked, content_type="application/json", **fresh_key(), **bearer(olivia))
    assert response.status_code == 200 and response.json()["status"] == "correction"


def test_officers_act_through_the_api_and_the_public_sees_progress(
    client, demo_catalog, alice, olivia, arthur, bearer, number
):
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    created = _post(client, bearer(alice), _body(item, number)).json()
    findings = {c["id"]: True for m in item["materials"] for c in m["criteria"]}
    for staff, action in [
        (olivia, "undertake"),
        (olivia, "review"),
        (arthur, "approve"),
        (arthur, "complete"),
    ]:
        response = client.post(
            f"/api/v1/cases/{created['number']}/actions",
            {"action": action, "criteria": findings},
            content_type="application/json",
            **fresh_key(),
            **bearer(staff),
        )
        assert response.status_code == 200, response.json()
    case = response.json()
    assert case["status"] == "completed" and case["certificate_id"]
    progress = client.get(f"/api/v1/public/cases/{created['number']}", {"applicant_tail": number[-4:]})
    assert progress.status_code == 200
    assert [s["action"] for s in progress.json()["steps"]] == [
        "accept",
        "undertake",
        "review",
        "approve",
        "complete",
    ]
    wrong = client.get(f"/api/v1/public/cases/{created['number']}", {"applicant_tail": "0000"})
    assert wrong.status_code == 404
    verified = client.get(f"/api/v1/certificates/{case['certificate_id']}/verify").json()
    assert verified["valid"] is True and verified["payload"]["case"] == created["number"]


def test_a_deviating_decision_waits_for_the_named_second_approver_through_the_api(
    client, demo_catalog, alice, olivia, arthur, chloe, bearer, number
):
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    created = _post(client, bearer(alice), _body(item, number)).json()
    url = f"/api/v1/cases/{created['number']}/actions"
    findings = {c["id"]: True for m in item["materials"] for c in m["criteria"]}
    for action in ("undertake", "review"):
        body = {"action": action, "criteria": findings}
        assert (
            client.post(
                url, body, content_type="application/json", **fresh_key(), **bearer(olivia)
            ).status_code
            == 200
        )
    unmet = {cid: False for cid in findings}
    body = {"action": "approve", "criteria": unmet, "reason": "原件已补验", "second_approver": "chloe"}
    waiting = client.post(url, body, content_type="application/json", **fresh_key(), **bearer(arthur)).json()
    assert waiting["status"] == "confirm"
    assert "confirm" not in waiting["allowed_actions"]  # arthur decided; only chloe may confirm
    seen_by_chloe = client.get(f"/api/v1/cases/{created['number']}", **bearer(chloe)).json()
    assert {"confirm", "overrule"} <= set(seen_by_chloe["allowed_actions"])
    assert waiting["pending_decision"] == {
        "decision": "approve",
        "decided_by": "arthur",
        "second_approver": "chloe",
        "reason": "原件已补验",
    }
    refused = client.post(
        url, {"action": "confirm"}, content_type="application/json", **fresh_key(), **bearer(arthur)
    )
    assert refused.status_code == 403 and refused.json()["code"] == "not_the_second_approver"
    confirmed = client.post(
        url, {"action": "confirm"}, content_type="application/json", **fresh_key(), **bearer(chloe)
    )
    assert confirmed.status_code == 200 and confirmed.json()["pending_decision"] is None
    assert confirmed.json()["status"] == "complete"


def test_an_officer_acting_out_of_turn_gets_a_conflict(client, demo_catalog, alice, arthur, bearer, number):
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    created = _post(client, bearer(alice), _body(item, number)).json()
    response = client.post(
        f"/api/v1/cases/{created['number']}/actions",
        {"action": "approve"},
        content_type="application/json",
        **fresh_key(),
        **bearer(arthur),
    )
    assert response.status_code == 409


def test_another_district_sees_nothing(client, demo_catalog, alice, bob, bearer, number):
    item = _item(demo_catalog, kind="instant", subject="person")
    created = _post(client, bearer(alice), _body(item, number)).json()
    assert client.get(f"/api/v1/cases/{created['number']}", **bearer(bob)).status_code == 404
    assert client.get("/api/v1/cases", **bearer(bob)).json()["items"] == []


def test_the_list_pages_with_a_cursor(client, demo_catalog, alice, bearer, number):
    items = [
        i
        for i in demo_catalog
        if i["kind"] == "instant" and i["subject"] == "person" and "district" in (i["levels"] or ["district"])
    ][:3]
    for n, item in enumerate(items):
        assert _post(client, bearer(alice), _body(item, number), key=f"k{n}").status_code == 201
    first = client.get("/api/v1/cases", {"limit": 2}, **bearer(alice)).json()
    second = client.get("/api/v1/cases", {"limit": 2, "cursor": first["next"]}, **bearer(alice)).json()
    numbers = [c["number"] for c in first["items"] + second["items"]]
    assert len(numbers) == 3 == len(set(numbers)) and second["next"] is None


def test_the_public_query_is_rate_limited(client, demo_catalog, alice, bearer, number):
    from django.core.cache import cache

    cache.clear()
    statuses = [
        client.get("/api/v1/public/cases/440604-20260101-00001", {"applicant_tail": "1234"}).status_code
        for _ in range(35)
    ]
    assert statuses.count(404) == 30 and statuses[-1] == 429
    refused = client.get(
        "/api/v1/public/cases/440604-20260101-00001",
        {"applicant_tail": "1234"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert refused.json()["code"] == "too_many_requests" and "一分钟后再试" in refused.json()["message"]
    assert refused["Retry-After"]
    cache.clear()


def test_a_client_cannot_escape_the_public_limit_by_inventing_a_forwarded_header(client, settings, db):
    from django.core.cache import cache

    cache.clear()
    settings.ONEDOOR_PROGRESS_LOOKUPS_PER_MINUTE = 3
    statuses = [
        client.get(
            "/api/v1/public/cases/440604-20260101-00001",
            {"applicant_tail": "1234"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        ).status_code
        for n in range(5)
    ]
    assert statuses == [404, 404, 404, 429, 429]
    # the progress page counts against the same limit
    page = client.post("/progress/", {"number": "440604-20260101-00001", "tail": "1234"})
    assert page.status_code == 429
    cache.clear()


def test_behind_one_proxy_the_proxys_view_of_the_client_counts(client, settings, db):
    from django.core.cache import cache

    cache.clear()
    settings.ONEDOOR_PROGRESS_LOOKUPS_PER_MINUTE = 2
    settings.ONEDOOR_NUM_PROXIES = 1
    url, tail = "/api/v1/public/cases/440604-20260101-00001", {"applicant_tail": "1234"}
    first = [client.get(url, tail, HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 10.1.1.1").status_code for n in range(3)]
    other = client.get(url, tail, HTTP_X_FORWARDED_FOR="10.1.1.2").status_code
    assert first == [404, 404, 429] and other == 404
    cache.clear()


def test_the_public_query_finds_a_case_of_any_district_by_its_number(
    client, demo_catalog, alice, bearer, number, settings
):
    item = _item(demo_catalog, kind="instant", subject="person")
    created = _post(client, bearer(alice), _body(item, number)).json()
    settings.DEFAULT_DISTRICT = "430211"  # another district's hall: the number's region code decides
    progress = client.get(f"/api/v1/public/cases/{created['number']}", {"applicant_tail": number[-4:]})
    assert progress.status_code == 200 and progress.json()["number"] == created["number"]
    unknown = client.get("/api/v1/public/cases/999999-20260101-00001", {"applicant_tail": number[-4:]})
    assert unknown.status_code == 404


def test_a_department_officer_sees_only_their_departments_cases(
    client, demo_catalog, alice, olivia, bearer, number
):
    ours = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    theirs = _item(demo_catalog, kind="instant", subject="person")
    assert theirs["department"] != "BDC"
    mine = _post(client, bearer(alice), _body(ours, number), key="ours").json()["number"]
    other = _post(client, bearer(alice), _body(theirs, number), key="theirs").json()["number"]
    shown = client.get(f"/api/v1/cases/{mine}", **bearer(olivia))
    assert shown.status_code == 200 and shown.json()["department"] == "BDC"
    assert "undertake" in shown.json()["allowed_actions"]
    assert client.get(f"/api/v1/cases/{other}", **bearer(olivia)).status_code == 404
    listed = [c["number"] for c in client.get("/api/v1/cases", **bearer(olivia)).json()["items"]]
    assert listed == [mine]


@pytest.mark.parametrize(
    "body",
    [
        {"item_code": "440604-GA-001\x00", "applicant": "x"},
        {"item_code": "440604-GA-001", "applicant": "4406041977031526\x002"},
        ["not", "an", "object"],
    ],
)
def test_a_nul_character_or_a_body_that_is_no_object_gets_a_localized_422(client, alice, bearer, body):
    response = client.post(
        "/api/v1/cases",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="nul-1",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
        **bearer(alice),
    )
    assert response.status_code == 422, response.content
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["message"])
    assert not Case.objects.exists()


def test_an_action_with_a_nul_character_changes_nothing(client, demo_catalog, alice, olivia, bearer, number):
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    created = _post(client, bearer(alice), _body(item, number)).json()
    response = client.post(
        f"/api/v1/cases/{created['number']}/actions",
        {"action": "undertake", "opinion": "同意\x00"},
        content_type="application/json",
        **fresh_key(),
        **bearer(olivia),
    )
    assert response.status_code == 422
    assert Case.objects.get(number=created["number"]).status == created["status"]


def test_a_retried_action_does_not_act_twice(client, demo_catalog, alice, olivia, arthur, bearer, number):
    item = next(
        i
        for i in demo_catalog
        if i["department"] == "BDC" and i["kind"] == "promised" and i["legal_limit"] > i["promised_limit"]
    )
    created = _post(client, bearer(alice), _body(item, number)).json()
    url = f"/api/v1/cases/{created['number']}/actions"
    findings = {c["id"]: True for m in item["materials"] for c in m["criteria"]}
    for action in ("undertake", "review"):
        body = {"action": action, "criteria": findings}
        assert (
            client.post(
                url, body, content_type="application/json", **fresh_key(), **bearer(olivia)
            ).status_code
            == 200
        )
    extend = {"action": "extend", "days": 1, "reason": "需现场核查"}
    first = client.post(
        url, extend, content_type="application/json", HTTP_IDEMPOTENCY_KEY="ext-1", **bearer(arthur)
    )
    again = client.post(
        url, extend, content_type="application/json", HTTP_IDEMPOTENCY_KEY="ext-1", **bearer(arthur)
    )
    assert first.status_code == again.status_code == 200
    assert again.json()["deadline"] == first.json()["deadline"]
    case = Case.objects.get(number=created["number"])
    assert case.extension_days == 1 and case.trail.filter(action="extend").count() == 1
    other = {**extend, "days": 2}
    reused = client.post(
        url, other, content_type="application/json", HTTP_IDEMPOTENCY_KEY="ext-1", **bearer(arthur)
    )
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"
    keyless = client.post(url, extend, content_type="application/json", **bearer(arthur))
    assert keyless.status_code == 422
    assert Case.objects.get(number=created["number"]).extension_days == 1


def test_staff_accept_only_at_the_centre_they_are_posted_at(
    client, demo_catalog, alice, chancheng, bearer, number
):
    community_only = next((i for i in demo_catalog if i["levels"] and "district" not in i["levels"]), None)
    assert community_only is not None
    station = district_services.centre_create(
        district=chancheng, code="440604-S1", name="祖庙街道便民服务站", level=community_only["levels"][0]
    )
    body = _body(community_only, number, centre=station.code)
    response = client.post(
        "/api/v1/cases",
        body,
        content_type="application/json",
        **fresh_key(),
        **bearer(alice),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 403 and response.json()["code"] == "not_your_centre"
    assert "posted at" in response.json()["message"]
    assert not Case.objects.exists()


def test_while_the_clock_is_stopped_the_deadline_is_as_if_it_restarted_today(
    client, demo_catalog, alice, olivia, bearer, number
):
    item = next(i for i in demo_catalog if i["department"] == "BDC" and i["kind"] == "promised")
    created = _post(client, bearer(alice), _body(item, number)).json()
    url = f"/api/v1/cases/{created['number']}/actions"
    asked = {
        "action": "request_correction",
        "reason": "材料不清晰",
        "materials": [item["materials"][0]["code"]],
    }
    stopped = client.post(url, asked, content_type="application/json", **fresh_key(), **bearer(olivia)).json()
    assert stopped["status"] == "correction"
    later = clock.now() + timedelta(days=14)  # two weeks: ten working days at least, whatever the holidays
    with clock.frozen_at(later):
        seen = client.get(f"/api/v1/cases/{created['number']}", **bearer(olivia)).json()
    moved = datetime.fromisoformat(seen["deadline"])
    # the stop's working days are added on: later than when it stopped, and still ahead of "today"
    assert moved > datetime.fromisoformat(stopped["deadline"]) and moved > later
    assert "supply_gap" not in seen["allowed_actions"] and "stop_for_gaps" not in seen["allowed_actions"]
