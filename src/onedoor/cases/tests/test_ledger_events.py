"""The spine's events on the district's log: a trust-first commitment, its certificate, a revocation, a passed
post-review, a published catalog version and a strong citizen login each append an entry in their own
transaction; the public entry holds no ID number, and the holder's receipt proves the record behind it."""

import base64
import hashlib
import json

import pytest

from onedoor.cases.actions import case_act
from onedoor.cases.ledger_events import payload_digest
from onedoor.cases.models import Certificate
from onedoor.cases.services import case_accept
from onedoor.catalog.canonical import version_to_dict
from onedoor.catalog.models import Item
from onedoor.citizens.services import citizen_login
from onedoor.core.signing import canonical_json
from onedoor.ledger import receipts, services
from onedoor.ledger.models import LedgerEntry
from onedoor.people import idnumbers
from onedoor.people import services as people_services

pytestmark = pytest.mark.django_db


def _number(body17):
    return body17 + idnumbers.resident_check_char(body17)


@pytest.fixture
def applicant(chancheng, alice):
    return people_services.person_register(
        district=chancheng, id_number=_number("44060419850203123"), name="梁美玲", actor=alice
    )


def _trust_first(demo_catalog, alice, applicant):
    item = next(
        i for i in demo_catalog if i["trust_first"] and i["department"] == "BDC" and i["subject"] == "person"
    )
    return case_accept(
        staff=alice,
        item_code=item["code"],
        applicant=applicant.id_number,
        mode="trust_first",
        materials=[],
        commitment_signed=True,
    ).case


def _kinds(district, after=0):
    return list(
        LedgerEntry.objects.filter(district=district, index__gte=after)
        .order_by("index")
        .values_list("kind", flat=True)
    )


def test_every_published_catalog_version_is_on_the_log_with_its_hash(demo_catalog, chancheng):
    entries = LedgerEntry.objects.filter(district=chancheng, kind="catalog.version")
    assert entries.count() == Item.objects.filter(district=chancheng, current__isnull=False).count() > 0
    item = Item.objects.filter(district=chancheng).select_related("current").first()
    body = json.loads(next(e.body for e in entries if json.loads(e.body)["item"] == item.code))
    expected = base64.b64encode(
        hashlib.sha256(canonical_json(version_to_dict(item.current))).digest()
    ).decode()
    assert body["sha256"] == expected and body["version"] == item.current.number


def test_a_trust_first_case_logs_its_commitment_and_certificate_and_the_revocation(
    demo_catalog, chancheng, alice, arthur, applicant
):
    start = LedgerEntry.objects.filter(district=chancheng).count()
    case = _trust_first(demo_catalog, alice, applicant)
    assert _kinds(chancheng, start) == ["commitment.signed", "certificate.issued"]
    commitment = LedgerEntry.objects.get(district=chancheng, index=start)
    assert applicant.id_number not in commitment.body and "梁美玲" not in commitment.body
    receipt = services.entry_receipt(district=chancheng, index=start, with_opening=True)
    checked = receipts.verify(receipt, services.signer(chancheng).verifier)
    assert checked.record["holder"] == applicant.id_number and checked.record["case"] == case.number
    assert checked.record["text"] == case.commitment_text

    certificate = Certificate.objects.get(case=case)
    issued = LedgerEntry.objects.get(district=chancheng, index=certificate.ledger_index)
    assert json.loads(issued.body)["payload"] == payload_digest(certificate.payload)

    case_act(staff=arthur, number=case.number, action="revoke", reason="核查发现承诺不实")
    certificate.refresh_from_db()
    assert _kinds(chancheng, start + 2)[:1] == ["certificate.revoked"]
    assert "case.revoked" in _kinds(chancheng, start + 2)
    revoked = services.entry_receipt(
        district=chancheng, index=certificate.revocation_index, with_opening=True
    )
    assert (
        receipts.verify(revoked, services.signer(chancheng).verifier).record["reason"] == "核查发现承诺不实"
    )


def test_a_passed_post_review_is_logged(demo_catalog, chancheng, alice, arthur, applicant):
    case = _trust_first(demo_catalog, alice, applicant)
    start = LedgerEntry.objects.filter(district=chancheng).count()
    case_act(staff=arthur, number=case.number, action="post_review_pass", reason="核查属实")
    assert "post_review.passed" in _kinds(chancheng, start)


def test_a_strong_login_is_an_identity_event_and_a_weak_one_is_not(chancheng):
    strong = citizen_login(
        district=chancheng,
        issuer="https://idp.gd.gov.cn",
        subject="s-1",
        id_number=_number("44060419700303123"),
        name="欧阳秀英",
        level=4,
    )
    weak = citizen_login(
        district=chancheng,
        issuer="https://idp.gd.gov.cn",
        subject="s-2",
        id_number=_number("44060419950707123"),
        name="新市民",
        level=2,
    )
    assert weak.ledger_index is None and strong.ledger_index is not None
    entry = LedgerEntry.objects.get(district=chancheng, index=strong.ledger_index)
    assert entry.kind == "identity.login" and json.loads(entry.body)["level"] == 4
    assert strong.person.id_number not in entry.body
    receipt = services.entry_receipt(district=chancheng, index=strong.ledger_index, with_opening=True)
    assert receipts.verify(receipt, services.signer(chancheng).verifier).record["subject"] == "s-1"
