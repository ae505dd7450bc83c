"""The citizen's credit page and the supervisors' appeals page, through HTTP: the level and its records, a
receipt that verifies offline against the log's key and carries the record, an appeal filed → upheld → the
level recomputed, a second appeal refused, someone else's record a 404, a non-supervisor refused.

Most tests start from the session a completed login leaves (`citizen_session`, set the way the callback sets
it): the OpenID Connect flow itself is tested in test_citizen_login.py, and one test here logs in through it."""

import re

import pytest
import requests
from django.test import Client
from django.urls import reverse

from onedoor.citizens.tests.fixtures import FIRM, KNOWN, log_in
from onedoor.core.models import AuditRecord
from onedoor.districts import services as district_services
from onedoor.districts.models import Role
from onedoor.ledger import receipts
from onedoor.ledger import services as ledger
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.credit import credit_record_add
from onedoor.people.masking import mask_number
from onedoor.people.models import CreditAppeal

PASSWORD = "correct horse battery staple"


def citizen_session(client, person, acting=None):
    """The session the login callback leaves for `person` (optionally acting for an enterprise)."""
    session = client.session
    enterprises = [acting] if acting else []
    session["citizen"] = {
        "person": person.pk,
        "level": 4,
        "name": person.name,
        "enterprises": enterprises,
        "acting": acting,
    }
    session.save()
    return client


def _number(body17):
    return body17 + idnumbers.resident_check_char(body17)


@pytest.fixture
def mei(chancheng, alice):
    return people_services.person_register(
        district=chancheng, id_number=_number("44060419900101123"), name="梁美玲", actor=alice
    )


@pytest.fixture
def vera(chancheng):
    return district_services.staff_create(
        district=chancheng, username="vera", password=PASSWORD, roles=[(Role.SUPERVISOR, None)]
    )


def _bad(chancheng, holder, **extra):
    kw = {"enterprise": holder} if hasattr(holder, "uscc") else {"person": holder}
    return credit_record_add(
        district=chancheng,
        kind="bad",
        reason_code="result_revoked",
        reason="核查发现承诺不实",
        source_ref="440604-2026-000001",
        false_promise=True,
        **kw,
        **extra,
    )


def _page(client):
    return client.get(reverse("citizen-credit"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_page_needs_a_login_and_is_linked_from_my_cases(client, chancheng, mei):
    response = client.get(reverse("citizen-credit"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("citizen-login"))
    citizen_session(client, mei)
    assert 'id="my-credit-link"' in client.get(reverse("citizen-cases")).content.decode()


def test_the_citizen_sees_their_level_rule_and_records_with_ledger_entries(client, chancheng, mei, alice):
    record = _bad(chancheng, mei)
    credit_record_add(
        district=chancheng, person=mei, kind="good", reason_code="commitment_kept", reason="守信"
    )
    page = _page(citizen_session(client, mei))
    level = page.split('id="credit-person-level"', 1)[1].split("</p>", 1)[0]
    assert "C: needs attention" in level and "credit-rule/1" in level  # −6 + 1, capped at C
    assert f"#{record.ledger_index}" in page and "440604-2026-000001" in page
    assert "A commitment was found false" in page
    assert mei.id_number not in page  # masked even on their own page
    assert f'id="appeal-form-{record.pk}"' in page and "csrfmiddlewaretoken" in page


def test_a_downloaded_receipt_verifies_and_carries_the_record(client, chancheng, mei):
    record = _bad(chancheng, mei)
    response = citizen_session(client, mei).get(reverse("citizen-credit-receipt", args=[record.pk]))
    assert response.status_code == 200
    assert f'filename="credit-{record.ledger_index}.tlog-proof"' in response["Content-Disposition"]
    checked = receipts.verify(response.content.decode(), ledger.signer(chancheng).verifier)
    assert checked.index == record.ledger_index and checked.entry["kind"] == "credit.bad"
    assert checked.record["holder"] == mei.id_number and checked.record["record"] == record.pk
    assert checked.record["reason"] == "核查发现承诺不实" and checked.record["false_promise"] is True
    assert AuditRecord.objects.filter(action="credit.receipt_downloaded", object_id=str(record.pk)).exists()


def test_another_persons_record_is_not_found(client, chancheng, mei, alice):
    other = people_services.person_register(
        district=chancheng, id_number=_number("44060419920202123"), name="何家豪", actor=alice
    )
    theirs = _bad(chancheng, other)
    citizen_session(client, mei)
    assert client.get(reverse("citizen-credit-receipt", args=[theirs.pk])).status_code == 404
    appeal = client.post(reverse("citizen-credit-appeal", args=[theirs.pk]), {"reasons": "不是我的"})
    assert appeal.status_code == 404
    assert f"record-{theirs.pk}" not in _page(client)
    assert not CreditAppeal.objects.exists()


def test_a_record_made_before_the_ledger_says_it_has_no_receipt(client, chancheng, mei):
    record = _bad(chancheng, mei)
    type(record).objects.filter(pk=record.pk).update(ledger_index=None)
    citizen_session(client, mei)
    response = client.get(reverse("citizen-credit-receipt", args=[record.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert "made before the ledger and has no receipt" in _page(client)


def test_an_appeal_filed_and_upheld_recomputes_the_level_and_a_second_is_refused(
    client, chancheng, mei, vera
):
    record = _bad(chancheng, mei)
    citizen_session(client, mei)
    assert "D: poor credit" in _page(client)
    empty = client.post(reverse("citizen-credit-appeal", args=[record.pk]), {"reasons": " "})
    assert empty.status_code == 400 and 'id="credit-error"' in empty.content.decode()
    filed = client.post(
        reverse("citizen-credit-appeal", args=[record.pk]), {"reasons": "承诺属实，有购房合同为证"}
    )
    assert filed.status_code == 302
    again = client.post(
        reverse("citizen-credit-appeal", args=[record.pk]), {"reasons": "再交一次"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert again.status_code == 409 and "already has an open appeal" in again.content.decode()
    appeal = CreditAppeal.objects.get()
    page = _page(client)
    assert f'id="appeal-{appeal.pk}"' in page and "承诺属实" in page
    assert f'id="appeal-form-{record.pk}"' not in page  # no second form while one is open

    staff = Client()
    staff.force_login(vera)
    queue = staff.get(reverse("staff-credit-appeals")).content.decode()
    row = queue.split(f'id="appeal-{appeal.pk}"', 1)[1].split("</tr>", 1)[0]
    assert mask_number(mei.id_number) in row
    assert mei.id_number not in queue and "梁**" in row and "承诺属实" in row
    no_reason = staff.post(reverse("staff-credit-appeal-decide", args=[appeal.pk]), {"outcome": "upheld"})
    assert no_reason.status_code == 400
    decided = staff.post(
        reverse("staff-credit-appeal-decide", args=[appeal.pk]),
        {"outcome": "upheld", "reason": "合同证明属实"},
    )
    assert decided.status_code == 302
    twice = staff.post(
        reverse("staff-credit-appeal-decide", args=[appeal.pk]),
        {"outcome": "rejected", "reason": "改判"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert twice.status_code == 409 and "already decided" in twice.content.decode()

    page = _page(client)
    level = page.split('id="credit-person-level"', 1)[1].split("</p>", 1)[0]
    assert "B: normal credit" in level
    assert "not counted: appeal upheld" in page and "合同证明属实" in page
    refused = client.post(reverse("citizen-credit-appeal", args=[record.pk]), {"reasons": "再来"})
    assert refused.status_code == 409 and CreditAppeal.objects.count() == 1


def test_only_supervisors_see_and_decide_appeals(client, chancheng, mei, alice):
    record = _bad(chancheng, mei)
    citizen_session(client, mei).post(reverse("citizen-credit-appeal", args=[record.pk]), {"reasons": "有误"})
    appeal = CreditAppeal.objects.get()
    client.force_login(alice)
    assert client.get(reverse("staff-credit-appeals")).status_code == 403
    assert 'id="credit-appeals-link"' not in client.get(reverse("staff-home")).content.decode()
    decide = client.post(
        reverse("staff-credit-appeal-decide", args=[appeal.pk]), {"outcome": "upheld", "reason": "我来"}
    )
    assert decide.status_code == 403
    appeal.refresh_from_db()
    assert appeal.status == "open"


def test_acting_for_an_enterprise_shows_its_credit_and_lets_the_agent_appeal(client, chancheng, mei, alice):
    firm = people_services.enterprise_register(
        district=chancheng, uscc=FIRM, name="佛山市禅城区示例贸易有限公司", actor=alice
    )
    record = _bad(chancheng, firm)
    acting = {"id": firm.pk, "uscc": firm.uscc, "name": firm.name, "role": "legal_rep"}
    page = _page(citizen_session(client, mei, acting=acting))
    assert 'id="credit-enterprise"' in page and "D: poor credit" in page.split('id="credit-enterprise"', 1)[1]
    assert client.get(reverse("citizen-credit-receipt", args=[record.pk])).status_code == 200
    client.post(reverse("citizen-credit-appeal", args=[record.pk]), {"reasons": "企业承诺属实"})
    appeal = CreditAppeal.objects.get()
    assert appeal.record == record and appeal.filed_by == mei
    citizen_session(client, mei)  # acting for themselves again: the enterprise's record is not theirs
    assert client.get(reverse("citizen-credit-receipt", args=[record.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_after_a_real_login_the_citizen_downloads_a_receipt_that_verifies(
    live_server, oidc, chancheng, alice
):
    person = people_services.person_register(
        district=chancheng, id_number=KNOWN, name="欧阳秀英", identity_level=4, actor=alice
    )
    record = _bad(chancheng, person)
    browser, _home = log_in(live_server, KNOWN)
    page = browser.get(f"{live_server.url}/citizen/credit/")
    link = re.search(r'href="(/citizen/credit/records/\d+/receipt\.tlog-proof)"', page.text)
    assert page.ok and link and f"#{record.ledger_index}" in page.text
    receipt = browser.get(f"{live_server.url}{link.group(1)}")
    checked = receipts.verify(receipt.text, ledger.signer(chancheng).verifier)
    assert checked.record["holder"] == KNOWN
    stranger = requests.get(f"{live_server.url}{link.group(1)}")
    assert stranger.status_code == 404


def test_the_front_desk_shows_the_applicants_level_and_the_records_behind_a_refusal(
    client, chancheng, mei, alice
):
    _bad(chancheng, mei)
    client.force_login(alice)
    page = client.get(
        reverse("staff-desk-holder", args=["person", mei.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    level = page.split('id="credit-level"', 1)[1].split("</p>", 1)[0]
    assert "D: poor credit" in level and "credit-rule/1" in level
    flag = page.split('id="credit-flag"', 1)[1].split("</p>", 1)[0]
    assert "found false" in flag and "440604-2026-000001" in flag
