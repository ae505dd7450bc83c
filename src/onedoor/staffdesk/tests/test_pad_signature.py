"""告知承诺 signed by the applicant's hand on the window's pad (issue 3 §2 "signs (recorded)"), through the pages
and the pad's API: the desk shows the commitment on the pad, the applicant signs there, the desk accepts; the case
keeps the signature, its digest is in the trail, and the case page and the receipt show it. A signature is for
one case, one applicant, one item, one window and one text."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from onedoor.cases import signatures
from onedoor.cases.models import Case, CommitmentSignature, TrailEntry
from onedoor.cases.services import acceptance_preview, commitment_for
from onedoor.core import clock
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.documents.tests import pdfcheck
from onedoor.people import idnumbers
from onedoor.ratings.tests import helpers
from onedoor.staffdesk.tests.casework import acceptance_form, register_at_desk

NAME = [[[0.1, 0.5], [0.2, 0.3], [0.3, 0.6], [0.4, 0.4]], [[0.5, 0.5], [0.6, 0.2], [0.7, 0.7], [0.8, 0.45]]]
PAD = "/rate/window/440604-C/01/"


@pytest.fixture
def desk(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def pad(alice):
    browser = Client(HTTP_HOST="testserver")
    browser.cookies["rating_pad"] = helpers.pad_for(alice)
    return browser


@pytest.fixture
def trusted(demo_catalog):
    return next(i for i in demo_catalog if i["trust_first"] and i["subject"] == "person" and not i["levels"])


def _show_on_pad(desk, alice, person, item) -> tuple[str, dict]:
    url = reverse("staff-desk-accept", args=["person", person.pk, item["code"]])
    form = {
        **acceptance_form(desk, person, item["code"]),
        "mode": "trust_first",
        "window": str(helpers.window_of(alice).pk),
    }
    shown = desk.post(url, {**form, "sign_on_pad": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert shown.status_code == 200, shown.content.decode()[:2000]
    page = shown.content.decode()
    assert 'id="pad-signature-status"' in page and "waiting for the applicant" in page
    form["pad_signature"] = page.split('name="pad_signature" value="', 1)[1].split('"', 1)[0]
    return url, form


def test_the_applicant_signs_on_the_pad_and_the_case_keeps_the_signature(desk, pad, alice, trusted):
    person = register_at_desk(desk)
    url, form = _show_on_pad(desk, alice, person, trusted)
    request = CommitmentSignature.objects.get(pk=form["pad_signature"])

    early = desk.post(url, form, HTTP_ACCEPT_LANGUAGE="en")  # nobody has signed yet
    assert early.status_code == 400 and "not signed the commitment" in early.content.decode()
    assert not Case.objects.exists()

    screen = pad.get(PAD).content.decode()
    assert 'id="pad-sign"' in screen and request.text in screen  # the very words the case will record
    tapped = pad.post(PAD, {"commitment": request.pk, "strokes": json.dumps([[[0.5, 0.5]]])})
    assert tapped.status_code == 400 and 'id="pad-sign-error"' in tapped.content.decode()
    signed = pad.post(PAD, {"commitment": request.pk, "strokes": json.dumps(NAME)})
    assert 'id="pad-signed"' in signed.content.decode()
    assert 'id="pad-sign"' not in pad.get(PAD).content.decode()  # the pad moves on

    accepted = desk.post(url, form)
    assert accepted.status_code == 302, accepted.content.decode()[:2000]
    case = Case.objects.get(person=person)
    request.refresh_from_db()
    assert request.case_id == case.pk and case.commitment_text == request.text
    assert case.commitment_signed_at == request.signed_at
    entry = TrailEntry.objects.get(case=case, action="accept")
    assert entry.payload["signature"] == request.digest

    page = desk.get(reverse("staff-case", args=[case.number]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="commitment-signature"' in page and "<polyline" in page and request.digest[:16] in page
    receipt = pdfcheck.text(desk.get(reverse("staff-case-receipt", args=[case.number])).content)
    assert "窗口评价器手写签名" in receipt and request.digest[:16] in receipt

    # the same signature cannot serve a second case
    again = desk.post(url, {**form, "key": "another-form"}, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 409 and "another case" in again.content.decode()
    assert Case.objects.count() == 1


def test_a_signature_given_for_other_words_is_refused(desk, pad, alice, trusted):
    person = register_at_desk(desk)
    url, form = _show_on_pad(desk, alice, person, trusted)
    pad.post(PAD, {"commitment": form["pad_signature"], "strokes": json.dumps(NAME)})
    brought = next(
        m for m in trusted["materials"] if m["source"] == "applicant" and m["necessity"] != "optional"
    )
    changed = {**form, "received": [brought["code"]], "criteria": [c["id"] for c in brought["criteria"]]}
    response = desk.post(url, changed, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "sign it again" in response.content.decode()
    assert 'name="pad_signature"' not in response.content.decode()  # ask again, for the new words
    assert not Case.objects.exists()


def test_a_native_pad_is_offered_the_commitment_and_signs_through_the_api(desk, alice, trusted):
    secret = helpers.pad_for(alice)
    headers = {"HTTP_X_RATING_PAD": secret}
    person = register_at_desk(desk)
    _url, form = _show_on_pad(desk, alice, person, trusted)
    offer = desk.get("/api/v1/ratings/pad/offer", **headers).json()
    assert (
        offer["commitment"]["id"] == int(form["pad_signature"]) and "本人承诺" in offer["commitment"]["text"]
    )
    sign_url = f"/api/v1/ratings/pad/commitments/{form['pad_signature']}/signature"

    for wrong in ([[[2, 0.5]]], [[[True, 0.5]]], [[["0.5", 0.5]]], [[[0.5, 0.5, 0.5]]], [[]], []):
        bad = desk.post(sign_url, {"strokes": wrong}, content_type="application/json", **headers)
        assert bad.status_code == 422 and bad.json()["code"] == "invalid_input", wrong
    tap = desk.post(sign_url, {"strokes": [[[0.5, 0.5]]]}, content_type="application/json", **headers)
    assert tap.status_code == 400 and tap.json()["code"] == "bad_signature"
    first = desk.post(sign_url, {"strokes": NAME}, content_type="application/json", **headers)
    assert first.status_code == 200, first.json()
    again = desk.post(sign_url, {"strokes": NAME}, content_type="application/json", **headers)
    assert again.json() == first.json()  # a retry answers the same and changes nothing
    other = desk.post(sign_url, {"strokes": [NAME[1], NAME[0]]}, content_type="application/json", **headers)
    assert other.status_code == 409 and other.json()["code"] == "already_signed"
    assert desk.get("/api/v1/ratings/pad/offer", **headers).json()["commitment"] is None
    unpaired = desk.post(sign_url, {"strokes": NAME}, content_type="application/json")
    assert unpaired.status_code == 401


def test_the_pad_serves_one_desk_at_a_time_and_the_desk_can_take_its_request_off(
    desk, pad, alice, chancheng, trusted
):
    person = register_at_desk(desk)
    url, form = _show_on_pad(desk, alice, person, trusted)
    first = form["pad_signature"]

    # a colleague cannot take over the pad while alice's applicant is about to sign
    carol = district_services.staff_create(
        district=chancheng,
        username="carol",
        password=helpers.PASSWORD,
        centre=chancheng.test_centre,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    colleague = Client()
    colleague.force_login(carol)
    body = "44060419850203552"
    other = register_at_desk(colleague, number=body + idnumbers.resident_check_char(body), name="黄文彬")
    busy = colleague.post(
        reverse("staff-desk-accept", args=["person", other.pk, trusted["code"]]),
        {
            **acceptance_form(colleague, other, trusted["code"]),
            "mode": "trust_first",
            "window": str(helpers.window_of(alice).pk),
            "sign_on_pad": "1",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert busy.status_code == 409 and "waiting for an applicant to sign" in busy.content.decode()
    assert f'value="{first}"' in pad.get(PAD).content.decode()

    # alice shows it again (the applicant asked to read it once more): hers replaces her own
    again = desk.post(url, {**form, "sign_on_pad": "1"}).content.decode()
    second = again.split('name="pad_signature" value="', 1)[1].split('"', 1)[0]
    assert second != first and CommitmentSignature.objects.get(pk=first).cancelled_at is not None
    assert f'value="{second}"' in pad.get(PAD).content.decode()

    # the applicant prefers paper: alice takes it off the pad, and the pad is free
    off = desk.post(url, {**form, "pad_signature": second, "pad_cancel": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    page = off.content.decode()
    assert off.status_code == 200 and "Taken off the window&#x27;s pad" in page
    assert 'name="pad_signature"' not in page
    assert 'id="pad-sign"' not in pad.get(PAD).content.decode()
    late = pad.post(PAD, {"commitment": second, "strokes": json.dumps(NAME)})
    assert 'id="pad-signed"' not in late.content.decode()
    assert CommitmentSignature.objects.get(pk=second).signed_at is None
    paper = desk.post(url, {**form, "pad_signature": "", "commitment_signed": "on"})
    assert paper.status_code == 302, paper.content.decode()[:2000]
    assert not CommitmentSignature.objects.filter(case__person=person).exists()


def test_signed_on_paper_while_the_pad_waits_frees_the_pad(desk, pad, alice, trusted):
    person = register_at_desk(desk)
    url, form = _show_on_pad(desk, alice, person, trusted)
    accepted = desk.post(url, {**form, "commitment_signed": "on"})
    assert accepted.status_code == 302, accepted.content.decode()[:2000]
    case = Case.objects.get(person=person)
    assert not CommitmentSignature.objects.filter(case=case).exists()  # the paper is the signature
    assert CommitmentSignature.objects.get(pk=form["pad_signature"]).cancelled_at is not None
    assert 'id="pad-sign"' not in pad.get(PAD).content.decode()


def test_a_colleague_may_take_the_pad_once_a_request_has_waited_too_long(alice, chancheng, trusted, desk):
    person = register_at_desk(desk)
    window = helpers.window_of(alice)
    preview = acceptance_preview(staff=alice, item_code=trusted["code"], person=person)
    text = commitment_for(preview, set())
    left = signatures.signature_request(
        staff=alice, window=window, version=preview.version, applicant_number=person.id_number, text=text
    )
    carol = district_services.staff_create(
        district=chancheng,
        username="carol",
        password=helpers.PASSWORD,
        centre=chancheng.test_centre,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    later = clock.now() + timedelta(minutes=signatures.HOLD_MINUTES + 1)
    with clock.frozen_at(later):
        taken = signatures.signature_request(
            staff=carol, window=window, version=preview.version, applicant_number=person.id_number, text=text
        )
    left.refresh_from_db()
    assert left.cancelled_at is not None and taken.cancelled_at is None


def test_a_signature_serves_only_its_applicant_and_only_in_time(desk, pad, alice, trusted):
    person = register_at_desk(desk)
    body = "44060419850203552"
    other = register_at_desk(desk, number=body + idnumbers.resident_check_char(body), name="黄文彬")
    url, form = _show_on_pad(desk, alice, person, trusted)
    pad.post(PAD, {"commitment": form["pad_signature"], "strokes": json.dumps(NAME)})

    # the same signature sent with another applicant's form
    other_url = reverse("staff-desk-accept", args=["person", other.pk, trusted["code"]])
    other_form = {**acceptance_form(desk, other, trusted["code"]), "mode": "trust_first"}
    other_form.update(window=form["window"], pad_signature=form["pad_signature"])
    mismatch = desk.post(other_url, other_form, HTTP_ACCEPT_LANGUAGE="en")
    assert mismatch.status_code == 400 and "another applicant, item or window" in mismatch.content.decode()

    # signed, but the desk came back too late: it must be shown and signed again
    with clock.frozen_at(clock.now() + timedelta(minutes=signatures.SIGN_MINUTES + 1)):
        late = desk.post(url, form, HTTP_ACCEPT_LANGUAGE="en")
    assert late.status_code == 400 and "lapsed" in late.content.decode()
    assert 'name="pad_signature"' not in late.content.decode()
    assert not Case.objects.exists()
