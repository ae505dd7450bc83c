"""The rating pages through Django's test client: pairing and using a window's pad, a citizen's rating of a
case from "My cases", and the department's and the supervisor's rectification list."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from onedoor.conftest import PASSWORD
from onedoor.ratings.models import Rating, Rectification
from onedoor.ratings.tests import helpers

pytestmark = pytest.mark.django_db
PAD = "/rate/window/440604-C/01/"


def paired_pad(alice) -> Client:
    pad = Client()
    assert pad.login(username="alice", password=PASSWORD)
    response = pad.post(PAD + "pair/")
    assert response.status_code == 302 and response["Location"] == PAD
    cookie = response.cookies["rating_pad"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/rate/"
    return pad


def test_the_pad_asks_after_the_window_serves_and_resets_for_the_next_visitor(chancheng, alice):
    pad = paired_pad(alice)
    assert "_auth_user_id" not in pad.session  # the visitor's screen holds no staff login
    assert 'id="pad-welcome"' in pad.get(PAD).content.decode()
    ticket = helpers.served_visit(alice)
    ask = pad.get(PAD).content.decode()
    assert 'id="pad-ask"' in ask and "非常满意" in ask and "非常不满意" in ask
    details = pad.get(PAD, {"ticket": ticket.pk, "level": 2}).content.decode()
    assert 'name="sub_attitude"' in details and 'value="poor_attitude"' in details
    key = re.search(r'name="key" value="([^"]+)"', details).group(1)
    form = {"ticket": ticket.pk, "key": key, "level": 2, "sub_attitude": 1}
    refused = pad.post(PAD, form)
    assert refused.status_code == 400 and 'id="rating-error"' in refused.content.decode()
    thanks = pad.post(PAD, {**form, "tags": ["poor_attitude"], "comment": "排队太久"})
    assert 'id="pad-thanks"' in thanks.content.decode()
    rating = Rating.objects.get(ticket=ticket)
    assert (rating.level, rating.sub_scores, rating.tags) == (
        2,
        {"attitude": 1, "overall": 2},
        ["poor_attitude"],
    )
    assert Rectification.objects.filter(rating=rating).exists()
    assert pad.post(PAD, {**form, "tags": ["poor_attitude"]}).status_code == 200  # a double tap: still thanks
    assert Rating.objects.filter(ticket=ticket).count() == 1
    assert 'id="pad-welcome"' in pad.get(PAD).content.decode()  # ready for the next visitor


def test_a_screen_not_paired_with_the_window_sees_no_pad(client, chancheng, alice):
    assert client.get(PAD).status_code == 403
    pad = paired_pad(alice)
    assert pad.get("/rate/window/440604-C/02/").status_code == 403
    Client().login(username="alice", password=PASSWORD)
    again = Client()
    again.login(username="alice", password=PASSWORD)
    again.post(PAD + "pair/")  # paired elsewhere: this screen is no longer the window's pad
    assert pad.get(PAD).status_code == 403


def test_a_citizen_rates_a_concluded_case_from_my_cases(client, chancheng, alice, zhang, demo_catalog):
    case = helpers.concluded_case(alice, zhang, demo_catalog)
    helpers.citizen(client, zhang)
    assert f"/citizen/rate/{case.number}/" in client.get("/citizen/cases/").content.decode()
    page = client.get(f"/citizen/rate/{case.number}/", {"level": 5}).content.decode()
    assert 'name="sub_guide_accuracy"' in page and 'name="sub_usability"' in page
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    done = client.post(f"/citizen/rate/{case.number}/", {"level": 5, "key": key, "sub_convenience": 4})
    assert done.status_code == 302
    shown = client.get(f"/citizen/rate/{case.number}/").content.decode()
    assert 'id="my-rating"' in shown and "非常满意" in shown and 'id="rate-form"' not in shown
    assert Rating.objects.get(case=case).sub_scores == {"convenience": 4, "overall": 5}


def test_the_department_sees_and_works_its_rectifications_and_the_supervisor_decides_appeals(
    client, chancheng, alice, zhang, demo_catalog
):
    case = helpers.concluded_case(alice, zhang, demo_catalog)
    citizen = helpers.citizen(Client(), zhang)
    citizen.post(
        f"/api/v1/ratings/cases/{case.number}",
        {"level": 1, "comment": "办得太慢"},
        content_type="application/json",
        **helpers.key(),
    )
    rect = Rectification.objects.get()
    other = next(d for d in chancheng.department_set.all() if d.pk != case.department_id)
    helpers.department_staff(chancheng, "dora", case.department)
    helpers.department_staff(chancheng, "otto", other)
    helpers.supervisor(chancheng)

    client.login(username="otto", password=PASSWORD)
    assert 'id="no-rectifications"' in client.get("/staff/rectifications/").content.decode()
    client.login(username="alice", password=PASSWORD)
    assert client.get("/staff/rectifications/").status_code == 403
    client.login(username="dora", password=PASSWORD)
    page = client.get("/staff/rectifications/").content.decode()
    assert f'id="rect-{rect.pk}"' in page and f'id="contact-{rect.pk}"' in page
    assert "张**" in page and "138****5678" in page and "13812345678" not in page
    act = f"/staff/rectifications/{rect.pk}/act/"
    assert (
        client.post(act, {"action": "contact", "note": "已电话联系", "key": "k1", "revision": 0}).status_code
        == 302
    )
    assert client.post(act, {"action": "appeal", "note": "恶意差评", "key": "k2"}).status_code == 302
    client.login(username="sam", password=PASSWORD)
    page = client.get("/staff/rectifications/").content.decode()
    assert f'id="decide_appeal-{rect.pk}"' in page
    decided = client.post(
        act, {"action": "decide_appeal", "outcome": "rejected", "note": "评价属实", "key": "k3"}
    )
    assert decided.status_code == 302
    rect.refresh_from_db()
    assert (rect.status, rect.appeal_status) == ("contacted", "rejected")
