"""Applying online with one pre-review round, end to end through HTTP: a citizen logged in at the stand-in
provincial identity provider (real code flow with PKCE) starts from the guide, uploads the materials, submits;
a window generalist returns one material with a comment; the citizen replaces it and resubmits; the
generalist accepts, and the case is created by the window's own service with the channel "online". The
citizen is notified at each step; a login below the item's identity level is told how to raise it."""

import io
import re

import pytest
import requests
from PIL import Image

from onedoor.applications.models import Application
from onedoor.cases.models import Case
from onedoor.citizens.tests.fixtures import FIRM, KNOWN, NEWCOMER, log_in
from onedoor.core.models import AuditRecord
from onedoor.delivery.models import Delivery
from onedoor.notifications.models import Notification
from onedoor.notifications.services import notifications_send
from onedoor.people import services as people_services

pytestmark = pytest.mark.django_db(transaction=True)
ITEM = "440604-GA-003"  # 居民身份证补领: depth 3, identity level L3, one settled and one applicant material


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 210, 220)).save(out, "PNG")
    return out.getvalue()


def _csrf(browser: requests.Session) -> str:
    return browser.cookies.get("csrftoken", "")


def _post(browser, url, data, files=None):
    return browser.post(
        url, data={"csrfmiddlewaretoken": _csrf(browser), **data}, files=files, headers={"Referer": url}
    )


def _start(live_server, browser) -> str:
    assert 'id="apply-login"' in requests.get(f"{live_server.url}/guide/440604/{ITEM}/").text
    guide = browser.get(f"{live_server.url}/guide/440604/{ITEM}/")
    assert 'id="apply-button"' in guide.text and "L3" in guide.text
    page = _post(browser, f"{live_server.url}/citizen/apply/{ITEM}/", {})
    assert "/citizen/applications/" in page.url
    return page.url


def test_apply_online_with_one_pre_review_round(live_server, oidc, chancheng, alice, demo_catalog, client):
    person = people_services.person_register(
        district=chancheng, id_number=KNOWN, name="欧阳秀英", identity_level=4, actor=alice
    )
    browser, _home = log_in(live_server, KNOWN)
    url = _start(live_server, browser)
    application = Application.objects.get(person=person)
    assert application.status == "draft"

    # Nothing uploaded, no phone: everything missing is listed at once.
    page = _post(browser, url, {"action": "submit"})
    assert page.status_code == 400 and 'id="problems"' in page.text
    need = re.findall(r'id="material-(M\d+)" data-need="upload"', page.text)
    assert need  # at least the applicant's own material
    for code in need:
        assert re.search(rf'id="material-{code}"', page.text)

    # A text file dressed up as a PDF is refused by its content, and nothing is stored.
    page = _post(
        browser, url, {"action": "upload", "code": need[0]}, files={"file": ("scan.pdf", b"hello, not a pdf")}
    )
    assert page.status_code == 400 and ("PDF、JPEG" in page.text or "PDF, JPEG" in page.text)
    assert not application.uploads.exists()

    page = _post(browser, url, {"action": "fill", "phone": "12", "address": "禅城区岭南大道 1 号"})
    assert page.status_code == 400  # a phone number that is not one
    fill = {"action": "fill", "phone": "13800138000", "address": "禅城区岭南大道 1 号", "delivery": "express"}
    _post(browser, url, fill)  # the result by express to this address (the item offers it)
    for code in need:
        page = _post(
            browser,
            url,
            {"action": "upload", "code": code},
            files={"file": (f"{code}.png", _png(), "image/png")},
        )
        assert page.ok
    page = _post(browser, url, {"action": "submit"})
    assert 'data-status="submitted"' in page.text

    # The generalist's queue shows the application, masked; viewing a file is access-logged.
    client.force_login(alice)
    queue = client.get("/staff/prereview/").content.decode()
    assert "欧阳**" in queue and KNOWN not in queue
    review_url = f"/staff/prereview/{application.public_id}/"
    file_page = client.get(f"{review_url}files/{need[0]}/")
    assert file_page.status_code == 200 and file_page["Content-Type"] == "image/png"
    assert AuditRecord.objects.filter(action="application.file_viewed", actor=alice).count() == 1

    # Round 1: the first material needs a fix, the others are OK; a fix without a comment is refused.
    criteria = {
        m["code"]: m["criteria"] for m in next(i for i in demo_catalog if i["code"] == ITEM)["materials"]
    }

    def all_ok() -> dict:
        ticks = {f"finding-{code}": "ok" for code in need}
        ticks.update({f"criterion-{code}-{c['id']}": "on" for code in need for c in criteria[code]})
        return ticks

    findings = {**all_ok(), f"finding-{need[0]}": "fix", f"comment-{need[0]}": ""}
    assert client.post(review_url, findings).status_code == 400
    findings[f"comment-{need[0]}"] = "照片模糊，请重新拍摄"
    assert client.post(review_url, findings).status_code == 302
    application.refresh_from_db()
    assert application.status == "fix_needed" and application.rounds == 1
    sms = Notification.objects.get(application=application)
    assert sms.to == "13800138000" and "照片模糊" in sms.body
    assert notifications_send() >= 1
    sms.refresh_from_db()
    assert sms.sent_at is not None and sms.sender == "outbox-page"
    outbox = client.get("/staff/notifications/").content.decode()
    assert "照片模糊" in outbox and "138****8000" in outbox

    page = browser.get(url)
    assert "照片模糊，请重新拍摄" in page.text and 'data-status="fix_needed"' in page.text
    assert "照片模糊" in browser.get(f"{live_server.url}/citizen/cases/").text  # in "Messages"
    page = _post(browser, url, {"action": "submit"})  # not fixed yet
    assert page.status_code == 400
    _post(
        browser,
        url,
        {"action": "upload", "code": need[0]},
        files={"file": ("again.png", _png(), "image/png")},
    )
    page = _post(browser, url, {"action": "submit"})
    assert 'data-status="submitted"' in page.text

    # Round 2: all OK with the criteria ticked → the case, through the window's own service.
    # A material marked OK without its mandatory criteria is refused.
    assert client.post(review_url, {f"finding-{code}": "ok" for code in need}).status_code == 400
    done = client.post(review_url, all_ok())
    assert done.status_code == 302
    application.refresh_from_db()
    case = Case.objects.get(pk=application.case_id)
    assert application.status == "accepted" and application.rounds == 2
    assert case.channel == "online" and case.person_id == person.pk and case.accepted_by_id == alice.pk
    assert set(case.materials.values_list("code", flat=True)) >= set(need)

    delivery = Delivery.objects.get(case=case)
    assert (
        delivery.method == "express"
        and delivery.address == "禅城区岭南大道 1 号"
        and delivery.chosen_by == "applicant"
    )
    mine = browser.get(f"{live_server.url}/citizen/cases/").text
    assert case.number in mine and "邮寄送达" in mine
    accepted = Notification.objects.get(case=case, topic="accepted")
    assert case.number in accepted.body and accepted.to == person.phone or accepted.channel == "site"
    form = browser.get(f"{live_server.url}/guide/440604/{ITEM}/form/").text  # the form to print, filled in
    assert f'id="f-number" value="{KNOWN}"' in form and "欧阳秀英" in form
    # Accepted: the application can no longer be changed.
    page = _post(browser, url, {"action": "withdraw"})
    assert page.status_code == 409


def test_a_login_below_the_items_identity_level_is_told_how_to_raise_it(
    live_server, oidc, chancheng, demo_catalog
):
    browser, _home = log_in(live_server, NEWCOMER)  # the provider vouches L2
    page = _post(browser, f"{live_server.url}/citizen/apply/{ITEM}/", {})
    assert page.url.endswith(f"/guide/440604/{ITEM}/")
    assert "L3" in page.text and "L2" in page.text
    assert not Application.objects.exists()


def test_an_enterprise_item_is_not_applied_for_by_a_citizen_acting_for_themselves(
    live_server, oidc, chancheng, demo_catalog
):
    firm = next(i for i in demo_catalog if i["subject"] == "enterprise" and i["depth"] >= 3)
    guide = requests.get(f"{live_server.url}/guide/440604/{firm['code']}/")
    assert 'id="apply-login"' in guide.text  # agents log in as themselves
    browser, _home = log_in(live_server, NEWCOMER)  # vouched for no enterprise
    guide = browser.get(f"{live_server.url}/guide/440604/{firm['code']}/")
    assert 'id="apply-choose-enterprise"' in guide.text and 'id="apply-button"' not in guide.text
    page = _post(browser, f"{live_server.url}/citizen/apply/{firm['code']}/", {})
    assert page.url.endswith(f"/guide/440604/{firm['code']}/") and not Application.objects.exists()


def test_another_citizen_cannot_open_my_application(live_server, oidc, chancheng, alice, demo_catalog):
    people_services.person_register(
        district=chancheng, id_number=KNOWN, name="欧阳秀英", identity_level=4, actor=alice
    )
    mine, _home = log_in(live_server, KNOWN)
    url = _start(live_server, mine)
    other, _home = log_in(live_server, NEWCOMER)
    assert other.get(url).status_code == 404


def test_the_portal_api_takes_the_same_application(live_server, oidc, chancheng, alice, demo_catalog):
    people_services.person_register(
        district=chancheng, id_number=KNOWN, name="欧阳秀英", identity_level=4, actor=alice
    )
    api = f"{live_server.url}/api/v1/portal/applications"
    assert requests.post(api, json={"item_code": ITEM}).status_code in (401, 403)  # nobody logged in
    browser, _home = log_in(live_server, KNOWN)
    headers = {"X-CSRFToken": _csrf(browser), "Referer": live_server.url}
    assert browser.post(api, json={"item_code": ITEM}).status_code in (401, 403)  # no CSRF token: refused
    first = browser.post(api, json={"item_code": ITEM}, headers=headers)
    assert first.status_code == 201, first.text
    again = browser.post(api, json={"item_code": ITEM}, headers=headers)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]  # a retry: the same one
    body = first.json()
    url = f"{api}/{body['id']}"
    need = [m["code"] for m in body["materials"] if m["need"] == "upload"]

    refused = browser.post(f"{url}/submit", headers=headers)
    assert refused.status_code == 400
    assert {p["material"] for p in refused.json()["details"]["problems"] if p["material"]} == set(need)
    bad = browser.post(f"{url}/materials/{need[0]}", files={"file": ("a.pdf", b"nope")}, headers=headers)
    assert bad.status_code == 400 and bad.json()["code"] == "file_type"
    for code in need:
        done = browser.post(f"{url}/materials/{code}", files={"file": ("p.png", _png())}, headers=headers)
        assert done.status_code == 200
    _post(
        browser,
        f"{live_server.url}/citizen/applications/{body['id']}/",
        {"action": "fill", "phone": "13800138000", "address": "禅城区岭南大道 1 号"},
    )
    submitted = browser.post(f"{url}/submit", headers=headers)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    retried = browser.post(f"{url}/submit", headers=headers)
    assert retried.status_code == 200 and retried.json()["submitted_at"] == submitted.json()["submitted_at"]
    assert AuditRecord.objects.filter(action="application.submitted").count() == 1
    assert browser.get(url).json()["status"] == "submitted"


OTHER_FIRM = "91440604MA4W000035"
FIRM_ITEM = "440604-SJ-007"  # 仅销售预包装食品备案: for enterprises, depth 3, identity level L3


def test_an_agent_applies_for_the_enterprise_it_may_act_for(
    live_server, oidc, chancheng, alice, demo_catalog, client
):
    person = people_services.person_register(
        district=chancheng, id_number=KNOWN, name="欧阳秀英", identity_level=4, actor=alice
    )
    firm = people_services.enterprise_register(
        district=chancheng,
        uscc=FIRM,
        name="佛山市禅城区示范食品有限公司",
        legal_representative="欧阳秀英",
        representative_id_number=KNOWN,
        address="禅城区季华五路 10 号",
        actor=alice,
    )
    other = people_services.enterprise_register(
        district=chancheng, uscc=OTHER_FIRM, name="别人的公司有限公司", actor=alice
    )
    browser, home = log_in(live_server, KNOWN)
    assert 'id="acting-form"' in home.text and firm.name in home.text and other.name not in home.text
    cases_url = f"{live_server.url}/citizen/cases/"

    # As themselves, an enterprise item says to choose the enterprise first.
    page = _post(browser, f"{live_server.url}/citizen/apply/{FIRM_ITEM}/", {})
    assert page.url.endswith(f"/guide/440604/{FIRM_ITEM}/") and not Application.objects.exists()
    # Acting for an enterprise the provider did not vouch for is refused.
    refused = _post(browser, f"{live_server.url}/citizen/acting/", {"enterprise": str(other.pk)})
    assert 'id="acting-for"' not in refused.text
    acting = _post(browser, f"{live_server.url}/citizen/acting/", {"enterprise": str(firm.pk)})
    assert 'id="acting-for"' in acting.text and acting.url == cases_url
    assert AuditRecord.objects.filter(action="citizen.acting_for", data__enterprise=FIRM).exists()

    guide = browser.get(f"{live_server.url}/guide/440604/{FIRM_ITEM}/").text
    assert 'id="apply-button"' in guide
    page = _post(browser, f"{live_server.url}/citizen/apply/{FIRM_ITEM}/", {})
    application = Application.objects.get(person=person)
    assert application.enterprise_id == firm.pk and application.form["address"] == firm.address
    url = page.url
    _post(browser, url, {"action": "fill", "phone": "13800138000", "address": firm.address})
    need = re.findall(r'id="material-(M\d+)" data-need="upload"', browser.get(url).text)
    for code in need:
        _post(
            browser,
            url,
            {"action": "upload", "code": code},
            files={"file": (f"{code}.png", _png(), "image/png")},
        )
    assert 'data-status="submitted"' in _post(browser, url, {"action": "submit"}).text

    client.force_login(alice)
    queue = client.get("/staff/prereview/").content.decode()
    assert firm.name in queue and "欧阳**" in queue and KNOWN not in queue
    criteria = {
        m["code"]: m["criteria"] for m in next(i for i in demo_catalog if i["code"] == FIRM_ITEM)["materials"]
    }
    findings = {f"finding-{code}": "ok" for code in need}
    findings.update({f"criterion-{code}-{c['id']}": "on" for code in need for c in criteria[code]})
    assert client.post(f"/staff/prereview/{application.public_id}/", findings).status_code == 302
    application.refresh_from_db()
    case = Case.objects.get(pk=application.case_id)
    assert case.enterprise_id == firm.pk and case.person_id is None and case.applicant_number == FIRM
    assert Notification.objects.filter(case=case, person=person).exists()  # the agent is told
    mine = browser.get(cases_url).text
    assert case.number in mine  # the enterprise's cases while acting for it
    back = _post(browser, f"{live_server.url}/citizen/acting/", {"enterprise": ""})
    assert 'id="no-cases"' in back.text  # and not among their own (only in the messages they were sent)
