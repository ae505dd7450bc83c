"""Public progress and certificate verification pages: the right tail shows each step, a wrong one says only
"no case matches"; lookups are rate-limited; a certificate verifies, and a revoked or altered one says so."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from onedoor.cases.actions import case_act
from onedoor.cases.models import Case, Certificate
from onedoor.cases.services import case_accept
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.staffdesk.tests.casework import (
    accept,
    everything_received,
    instant_item,
    register_at_desk,
)


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def case(client, alice, demo_catalog):
    client.force_login(alice)
    instant = instant_item(demo_catalog)
    person = register_at_desk(client)
    accept(client, person, instant, **everything_received(instant))
    client.logout()
    return Case.objects.get(person=person)


def _lookup(client, number, tail, **headers):
    return client.post(reverse("public-progress"), {"number": number, "tail": tail}, **headers)


def test_the_receipts_link_prefills_the_number_but_not_the_tail(client, case):
    page = client.get(reverse("public-progress"), {"number": case.number}).content.decode()
    assert f'value="{case.number}"' in page
    assert 'name="tail" value=""' in page


def test_the_right_tail_shows_each_step(client, case):
    response = _lookup(client, case.number, case.applicant_number[-4:], HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    steps = response.content.decode().split('id="progress-steps"', 1)[1].split("</ol>", 1)[0]
    assert "Accepted" in steps and "Completed" in steps
    assert case.applicant_number not in response.content.decode()


def test_a_wrong_tail_and_an_unknown_number_say_the_same(client, case):
    wrong = _lookup(client, case.number, "0000", HTTP_ACCEPT_LANGUAGE="en")
    unknown = _lookup(client, "440604-20000101-00001", case.applicant_number[-4:], HTTP_ACCEPT_LANGUAGE="en")
    other = _lookup(client, "999999-20000101-00001", "0000", HTTP_ACCEPT_LANGUAGE="en")
    for response in (wrong, unknown, other):
        assert response.status_code == 404
        assert "No case matches this number and applicant." in response.content.decode()
        assert 'id="progress-result"' not in response.content.decode()


def test_lookups_are_rate_limited_per_address(client, case):
    for _ in range(30):
        assert _lookup(client, case.number, "0000").status_code == 404
    response = _lookup(client, case.number, case.applicant_number[-4:], HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many lookups" in response.content.decode()


def test_a_certificate_verifies_with_its_signed_content_and_key(client, case):
    certificate = Certificate.objects.get(case=case)
    page = client.get(reverse("certificate-verify", args=[certificate.public_id]), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Valid: the signature holds" in text
    assert certificate.key_id in text and f"/api/v1/keys/{case.district.code}" in text
    assert case.number in text.split('id="signed-payload"', 1)[1]


def test_a_revoked_certificate_says_so_with_the_reason(client, alice, demo_catalog, chancheng):
    """A trust-first result whose post-review failed is revoked; its certificate then says so."""
    trusted = next(
        i for i in demo_catalog if i["trust_first"] and i["subject"] == "person" and not i["levels"]
    )
    client.force_login(alice)
    person = register_at_desk(client)
    client.logout()
    case = case_accept(
        staff=alice,
        item_code=trusted["code"],
        applicant=person.id_number,
        mode="trust_first",
        commitment_signed=True,
    ).case
    approver = district_services.staff_create(
        district=chancheng,
        username="amy",
        password="correct horse battery staple",
        roles=[(Role.APPROVER, case.department)],
    )
    case_act(
        staff=approver,
        number=case.number,
        action="revoke",
        reason="核查发现材料不实",
        basis="《行政许可法》第六十九条",
    )
    certificate = Certificate.objects.get(case=case)
    text = client.get(
        reverse("certificate-verify", args=[certificate.public_id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Revoked" in text and "核查发现材料不实" in text


def test_an_altered_certificate_fails_verification(client, case):
    certificate = Certificate.objects.get(case=case)
    payload = {**certificate.payload, "title": "伪造的证照"}
    Certificate.objects.filter(pk=certificate.pk).update(payload=payload)
    text = client.get(
        reverse("certificate-verify", args=[certificate.public_id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Not valid: the signature does not match" in text


def test_an_unknown_certificate_is_a_404(client, db):
    url = reverse("certificate-verify", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404
    assert client.get(url.replace("/verify/", "/certificates/").rstrip("/") + ".pdf").status_code == 404


def test_the_certificate_pdf_is_public(client, case):
    certificate = Certificate.objects.get(case=case)
    response = client.get(reverse("certificate-pdf", args=[certificate.public_id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_verify_page_checks_the_certificate_on_the_transparency_log(client, case):
    certificate = Certificate.objects.get(case=case)
    text = client.get(
        reverse("certificate-verify", args=[certificate.public_id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    verdict = text.split('id="ledger-verdict"', 1)[1].split("</p>", 1)[0]
    assert f"Entry {certificate.ledger_index} holds this certificate's hash" in verdict
    assert f"/ledger/receipt/{certificate.ledger_index}?district=440604" in text
    api = client.get(f"/api/v1/certificates/{certificate.public_id}/verify").json()
    assert api["valid"] and api["ledger"]["issued"]["ok"] and api["ledger"]["payload_matches"]


def test_a_certificate_rewritten_and_re_signed_with_the_district_key_is_caught_by_the_log(client, case):
    """An insider holding the signing key rewrites a certificate: the signature holds, the log does not."""
    from onedoor.districts.signing import sign_for_district

    certificate = Certificate.objects.get(case=case)
    payload = {**certificate.payload, "title": "改写后的证照"}
    key_id, signature = sign_for_district(case.district, payload)
    Certificate.objects.filter(pk=certificate.pk).update(payload=payload, key_id=key_id, signature=signature)
    response = client.get(
        reverse("certificate-verify", args=[certificate.public_id]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = response.content.decode()
    assert "The log's entry holds another hash" in text and "Valid: the signature holds" not in text
    assert "the transparency log recorded other content" in text.split('id="verdict-title"', 1)[1][:300]
    api = client.get(f"/api/v1/certificates/{certificate.public_id}/verify").json()
    assert api["signature_valid"] and not api["valid"] and api["ledger"]["payload_matches"] is False
