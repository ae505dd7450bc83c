"""Through HTTP: a bad rating opens a rectification that reaches its department (and no other, and no other
district), on the working-day calendar; double submissions; the unfounded explanation; appeals; follow-ups."""

from __future__ import annotations

from datetime import datetime

import pytest

from onedoor.catalog.models import Item
from onedoor.core import clock
from onedoor.core.audit import AuditRecord
from onedoor.core.calendar import SHANGHAI
from onedoor.ratings.models import Rating, Rectification
from onedoor.ratings.tests import helpers
from onedoor.ratings.tests.helpers import key, rate_visit

pytestmark = pytest.mark.django_db


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture
def item(demo_catalog, chancheng):
    return Item.objects.filter(district=chancheng).select_related("department").order_by("code").first()


def act(client, bearer, staff, rect_id, **body):
    return client.post(
        f"/api/v1/ratings/rectifications/{rect_id}/actions",
        body,
        content_type="application/json",
        **bearer(staff),
        **key(),
    )


def listed(client, bearer, staff, **params):
    response = client.get("/api/v1/ratings/rectifications", params, **bearer(staff))
    return response


def test_a_one_star_rating_before_a_holiday_opens_a_rectification_that_reaches_its_department(
    client, bearer, chancheng, hetang, alice, item
):
    dept = item.department
    other = next(d for d in chancheng.department_set.all() if d.pk != dept.pk)
    dora = helpers.department_staff(chancheng, "dora", dept)
    otto = helpers.department_staff(chancheng, "otto", other)
    hetang_supervisor = helpers.supervisor(hetang, "henry")
    with clock.frozen_at(at("2025-09-30 16:20")):  # Tuesday, the working day before National Day
        ticket = helpers.served_visit(alice, item)
        secret = helpers.pad_for(alice)
    with clock.frozen_at(at("2025-09-30 16:24")):  # a pad asks only for its minutes after the service
        late = rate_visit(client, secret, ticket, 1, tags=["poor_attitude"], comment="窗口人员态度冷淡")
    assert late.status_code == 409 and late.json()["code"] == "rating_period_over"
    with clock.frozen_at(at("2025-09-30 16:22")):
        response = rate_visit(client, secret, ticket, 1, tags=["poor_attitude"], comment="窗口人员态度冷淡")
    assert response.status_code == 201, response.content
    body = response.json()
    rect = Rectification.objects.get(pk=body["rectification"])
    assert rect.department_id == dept.pk and rect.status == "open"
    assert rect.contact_due == at("2025-10-09 23:59:59.999999")
    assert rect.fix_due == at("2025-10-28 23:59:59.999999")
    rating = Rating.objects.get(pk=body["id"])
    assert (rating.window_id, rating.officer_id, rating.centre_id) == (
        ticket.window_id,
        alice.pk,
        ticket.centre_id,
    )
    assert AuditRecord.objects.filter(action="rectification.opened", object_id=str(rect.pk)).exists()

    mine = listed(client, bearer, dora).json()["items"]
    assert [r["id"] for r in mine] == [rect.pk]
    assert mine[0]["allowed_actions"] == ["contact", "appeal"]
    assert listed(client, bearer, otto).json()["items"] == []
    assert listed(client, bearer, hetang_supervisor).json()["items"] == []
    assert listed(client, bearer, alice).status_code == 403  # a window generalist is no department's staff
    refused = act(client, bearer, otto, rect.pk, action="contact", note="已电话联系")
    assert refused.status_code == 404
    refused = act(client, bearer, hetang_supervisor, rect.pk, action="contact", note="已电话联系")
    assert refused.status_code == 404


def test_a_visit_is_rated_once_and_a_retry_with_the_same_key_is_the_same_rating(client, chancheng, alice):
    ticket = helpers.served_visit(alice)
    secret = helpers.pad_for(alice)
    headers = key()
    first = rate_visit(client, secret, ticket, 5, tags=["fast"], headers=headers)
    again = rate_visit(client, secret, ticket, 5, tags=["fast"], headers=headers)
    other = rate_visit(client, secret, ticket, 1, tags=["poor_attitude"])
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    assert again.json()["id"] == first.json()["id"]
    assert other.json()["code"] == "already_rated"
    assert Rating.objects.filter(ticket=ticket).count() == 1
    assert not Rectification.objects.exists()  # a good rating opens none


def test_only_the_windows_own_pad_rates_its_visits(client, chancheng, alice):
    ticket = helpers.served_visit(alice)
    from onedoor.ratings.services import pad_pair
    from onedoor.tickets.services import window_of

    _pad, other_window = pad_pair(
        staff=alice, window=window_of(staff=alice, centre_code=alice.centre.code, number="02")
    )
    assert rate_visit(client, other_window, ticket, 5).status_code == 404
    assert rate_visit(client, "pad_guessed", ticket, 5).status_code == 401
    old = helpers.pad_for(alice)
    helpers.pad_for(alice)  # pairing again replaces the window's pad
    assert rate_visit(client, old, ticket, 5).status_code == 401


def test_a_bad_rating_needs_a_reason_and_sub_scores_of_its_channel(client, chancheng, alice):
    ticket = helpers.served_visit(alice)
    secret = helpers.pad_for(alice)
    assert rate_visit(client, secret, ticket, 2).json()["code"] == "say_why"
    assert (
        rate_visit(client, secret, ticket, 4, sub_scores={"usability": 3}).json()["code"] == "bad_sub_score"
    )
    ok = rate_visit(client, secret, ticket, 4, sub_scores={"attitude": 5, "efficiency": 3}, tags=["friendly"])
    assert ok.status_code == 201
    assert ok.json()["sub_scores"] == {"attitude": 5, "efficiency": 3, "overall": 4}


def _bad_case_rating(client, alice, zhang, catalog, level=1):
    case = helpers.concluded_case(alice, zhang, catalog)
    helpers.citizen(client, zhang)
    response = client.post(
        f"/api/v1/ratings/cases/{case.number}",
        {"level": level, "tags": ["overdue"], "sub_scores": {"guide_accuracy": 2}},
        content_type="application/json",
        **key(),
    )
    assert response.status_code == 201, response.content
    return case, Rectification.objects.get(pk=response.json()["rectification"])


def test_an_unfounded_classification_needs_an_explanation(
    client, bearer, chancheng, alice, zhang, demo_catalog
):
    case, rect = _bad_case_rating(client, alice, zhang, demo_catalog)
    dora = helpers.department_staff(chancheng, "dora", case.department)
    early = act(client, bearer, dora, rect.pk, action="classify", classification="unfounded", note="x")
    assert early.status_code == 409  # contact the rater first
    assert act(client, bearer, dora, rect.pk, action="contact", note="").json()["code"] == "note_required"
    assert (
        act(
            client, bearer, dora, rect.pk, action="contact", note="10:05 电话联系，申请人说明了情况"
        ).status_code
        == 200
    )
    bare = act(client, bearer, dora, rect.pk, action="classify", classification="unfounded")
    assert bare.status_code == 400 and bare.json()["code"] == "explanation_required"
    done = act(
        client,
        bearer,
        dora,
        rect.pk,
        action="classify",
        classification="unfounded",
        note="办件在承诺时限内办结，超时系申请人误解承诺时限",
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "classified" and done.json()["explanation"].startswith("办件在承诺时限内")
    assert [s.action for s in rect.steps.order_by("at", "id")] == ["open", "contact", "classify"]


def test_a_supervisor_upholds_an_appeal_against_a_malicious_rating(
    client, bearer, chancheng, alice, zhang, demo_catalog
):
    case, rect = _bad_case_rating(client, alice, zhang, demo_catalog)
    dora = helpers.department_staff(chancheng, "dora", case.department)
    sam = helpers.supervisor(chancheng)
    assert (
        act(client, bearer, dora, rect.pk, action="decide_appeal", upheld=True, note="x").status_code == 403
    )
    filed = act(client, bearer, dora, rect.pk, action="appeal", note="申请人因不符合条件被拒后连续恶意差评")
    assert filed.json()["appeal_status"] == "pending"
    assert act(client, bearer, dora, rect.pk, action="appeal", note="again").status_code == 409
    assert act(client, bearer, sam, rect.pk, action="decide_appeal", upheld=True, note="").status_code == 400
    decided = act(
        client, bearer, sam, rect.pk, action="decide_appeal", upheld=True, note="核实录音，评价与事实不符"
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["appeal_status"] == "upheld" and decided.json()["status"] == "closed"
    assert Rating.objects.get(pk=rect.rating_id).excluded
    assert AuditRecord.objects.filter(action="rectification.decide_appeal", object_id=str(rect.pk)).exists()
    everything = listed(client, bearer, sam).json()["items"]
    assert [r["id"] for r in everything] == [rect.pk]


def test_a_rating_is_followed_up_once_after_the_rectification_closes(
    client, bearer, chancheng, alice, zhang, demo_catalog
):
    case, rect = _bad_case_rating(client, alice, zhang, demo_catalog, level=2)
    dora = helpers.department_staff(chancheng, "dora", case.department)
    url = f"/api/v1/ratings/cases/{case.number}/follow-up"
    early = client.post(url, {"level": 4}, content_type="application/json", **key())
    assert early.status_code == 409 and early.json()["code"] == "not_closed_yet"
    for action, extra in (
        ("contact", {"note": "已电话联系申请人"}),
        ("classify", {"classification": "fix_now", "note": "指南时限说明已更正"}),
        ("close", {"note": "已更正办事指南并回复申请人"}),
    ):
        assert act(client, bearer, dora, rect.pk, action=action, **extra).status_code == 200
    first = client.post(
        url, {"level": 4, "tags": ["clear_guidance"]}, content_type="application/json", **key()
    )
    assert first.status_code == 201, first.content
    assert first.json()["follow_up_of"] == rect.rating_id
    second = client.post(url, {"level": 5}, content_type="application/json", **key())
    assert second.status_code == 409 and second.json()["code"] == "follow_up_done"
    assert Rating.objects.filter(case=case).count() == 2


def test_a_citizen_rates_only_their_own_concluded_case(client, chancheng, alice, zhang, demo_catalog):
    from onedoor.people.services import person_register

    case = helpers.concluded_case(alice, zhang, demo_catalog)
    li = person_register(district=chancheng, id_number=helpers_number(), name="李四", actor=None)
    helpers.citizen(client, li)
    other = client.post(
        f"/api/v1/ratings/cases/{case.number}", {"level": 5}, content_type="application/json", **key()
    )
    assert other.status_code == 404
    client.logout()
    anonymous = client.post(
        f"/api/v1/ratings/cases/{case.number}", {"level": 5}, content_type="application/json", **key()
    )
    assert anonymous.status_code == 401


def helpers_number() -> str:
    from onedoor.staffdesk.tests.casework import resident

    return resident("44060419770707123")


def test_ids_beyond_a_bigint_are_refused_at_the_schema(client, bearer, chancheng, alice):
    secret = helpers.pad_for(alice)
    huge = 2**70
    visit = client.post(
        "/api/v1/ratings/visits",
        {"ticket": huge, "level": 5},
        content_type="application/json",
        HTTP_X_RATING_PAD=secret,
        **key(),
    )
    assert visit.status_code == 422
    sam = helpers.supervisor(chancheng)
    assert client.get("/api/v1/ratings/rectifications", {"before_id": huge}, **bearer(sam)).status_code == 422
    assert act(client, bearer, sam, huge, action="contact", note="x").status_code in (404, 422)  # never a 500
