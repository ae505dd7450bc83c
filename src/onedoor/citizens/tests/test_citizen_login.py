"""Citizen login against a real OpenID Connect provider on loopback (the stand-in provincial identity provider,
`python -m onedoor.idp`, started as its own process with its own database): the authorization-code flow with
PKCE from the first click to "My cases", the trust level recorded, and what goes wrong refused."""

import re

import pytest
import requests

from onedoor.cases.services import case_accept
from onedoor.citizens.models import CitizenLogin
from onedoor.citizens.tests.fixtures import KNOWN, NEWCOMER, log_in
from onedoor.core.models import AuditRecord
from onedoor.people import services as people_services
from onedoor.people.models import Person
from onedoor.staffdesk.tests.casework import register_with_card

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_known_person_logs_in_and_sees_their_cases(live_server, oidc, chancheng, alice, demo_catalog):
    person = people_services.person_register(
        district=chancheng, id_number=KNOWN, name="欧阳秀英", identity_level=5, actor=alice
    )
    item = next(i for i in demo_catalog if i["code"] == "440604-BDC-002")
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    case = case_accept(staff=alice, item_code=item["code"], applicant=KNOWN, materials=materials).case

    browser, page = log_in(live_server, KNOWN)
    assert page.url == f"{live_server.url}/citizen/cases/"
    assert case.number in page.text and "欧阳秀英" in page.text
    assert KNOWN not in page.text  # the number is masked even on their own page
    login = CitizenLogin.objects.get(person=person)
    assert login.level == 4 and login.issuer == oidc and login.subject
    assert AuditRecord.objects.filter(action="citizen.logged_in", object_id=str(login.pk)).exists()

    browser.post(
        f"{live_server.url}/citizen/logout/",
        data={"csrfmiddlewaretoken": browser.cookies.get("csrftoken", "")},
        headers={"Referer": f"{live_server.url}/citizen/cases/"},
    )
    again = browser.get(f"{live_server.url}/citizen/cases/", allow_redirects=False)
    assert again.status_code == 302 and again.headers["Location"].startswith("/citizen/login/")


def test_a_first_login_registers_the_person_at_the_level_the_provider_vouched_for(
    live_server, oidc, chancheng
):
    _browser, page = log_in(live_server, NEWCOMER)
    assert page.url.endswith("/citizen/cases/") and "新市民" in page.text
    person = Person.objects.get(district=chancheng, id_number=NEWCOMER)
    assert person.identity_level == 2 and person.logins.get().level == 2


def test_a_wrong_password_stays_at_the_provider_and_logs_nobody_in(live_server, oidc, chancheng):
    _browser, page = log_in(live_server, KNOWN, password="not-the-password")
    assert "/accounts/login/" in page.url and 'id="login-error"' in page.text
    assert not CitizenLogin.objects.exists()


def test_a_forged_callback_logs_nobody_in(live_server, oidc, chancheng):
    browser = requests.Session()
    page = browser.get(f"{live_server.url}/citizen/callback/?code=made-up&state=made-up")
    assert not page.url.endswith("/citizen/cases/")
    mine = browser.get(f"{live_server.url}/citizen/cases/", allow_redirects=False)
    assert mine.status_code == 302  # still not logged in
    assert not CitizenLogin.objects.exists()


def test_without_a_provider_citizen_login_says_so(client, settings):
    settings.ONEDOOR_OIDC_ISSUER = ""
    page = client.get("/citizen/login/")
    assert page.status_code == 503 and "login-unavailable" in page.content.decode()


def test_a_result_issued_at_once_can_be_downloaded_from_my_cases(
    live_server, oidc, chancheng, alice, demo_catalog
):
    register_with_card(chancheng, alice, number=KNOWN, name="欧阳秀英")
    case = case_accept(staff=alice, item_code="440604-RS-008", applicant=KNOWN, materials=[]).case  # instant
    browser, page = log_in(live_server, KNOWN)
    link = re.search(r'href="(/certificates/[^"]+\.pdf)" class="certificate-link"', page.text)
    assert case.number in page.text and link
    pdf = browser.get(f"{live_server.url}{link.group(1)}")
    assert pdf.ok and pdf.headers["Content-Type"] == "application/pdf"
