"""Issuing, verifying and revoking electronic results (电子证照). The payload is signed with the district's
Ed25519 key; issuing settles a level-A verified record for the holder (数据沉淀), so a later case in any
department waives the material it stands for."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onedoor.cases import ledger_events
from onedoor.cases.ledger_events import payload_digest
from onedoor.cases.models import Case, Certificate
from onedoor.core import clock, writebehind
from onedoor.core.errors import NotFound
from onedoor.districts.signing import sign_for_district, verify_for_district
from onedoor.ledger import witnessing
from onedoor.ledger.services import entry_check
from onedoor.people import services as people_services
from onedoor.people.masking import mask_number

PAYLOAD_VERSION = "onedoor-certificate/1"


def certificate_issue(*, case: Case, actor, snapshot=None, public_id=None) -> Certificate:
    """`public_id`: the id the caller already gave the result (an acceptance stores its answer with it)."""
    version = case.version
    now = clock.now()
    certificate = Certificate(
        district_id=case.district_id,
        **({"public_id": public_id} if public_id else {}),
        case=case,
        person=case.person,
        enterprise=case.enterprise,
        title=version.result_name or version.name,
        issued_at=now,
    )
    payload = {
        "format": PAYLOAD_VERSION,
        "id": str(certificate.public_id),
        "district": case.district.code,
        "issuer": case.department.name,
        "title": certificate.title,
        "item": {"code": case.item.code, "name": version.name, "version": version.number},
        "case": case.number,
        "holder": {"name": case.applicant_name, "number": mask_number(case.applicant_number)},
        "issued_at": now.isoformat(),
    }
    certificate.key_id, certificate.signature = sign_for_district(case.district, payload, snapshot)
    certificate.payload = payload
    record = people_services.record_add(
        district=case.district,
        person=case.person,
        enterprise=case.enterprise,
        record_type=version.result_record_type or "certificate",
        payload={"certificate": payload["id"], "title": certificate.title, "case": case.number},
        source_kind="case",
        source_ref=case.number,
        source_department=case.department,
        trust_level="A",
        actor=actor,
    )
    certificate.record = record
    certificate.ledger_index = ledger_events.certificate_issued(certificate)
    writebehind.insert(certificate)
    return certificate


def certificate_find(public_id) -> Certificate:
    certificate = Certificate.objects.select_related("district", "case").filter(public_id=public_id).first()
    if certificate is None:
        raise NotFound("certificate_not_found", _("No certificate with this id."))
    return certificate


def certificate_check(certificate: Certificate) -> dict:
    """What a verifier learns: whether the signature holds over the stored payload, and whether it stands."""
    valid = verify_for_district(
        certificate.district, certificate.payload, certificate.key_id, certificate.signature
    )
    ledger = certificate_ledger_check(certificate)
    # A certificate the log contradicts (its entry fails to verify, or logs another payload) is not valid.
    contradicted = ledger["logged"] and (
        ledger["issued"]["ok"] is False or ledger["payload_matches"] is False
    )
    return {
        "id": str(certificate.public_id),
        "ledger": ledger,
        "signature_valid": valid,
        "revoked": certificate.revoked_at is not None,
        "revoked_reason": certificate.revoked_reason,
        "valid": valid and certificate.revoked_at is None and not contradicted,
        "payload": certificate.payload,
        "key_id": certificate.key_id,
        "signature": certificate.signature,
    }


def certificate_ledger_check(certificate: Certificate) -> dict:
    """The certificate on the district's log: its issuing entry (whose digest must be this payload's) and,
    when revoked, the revocation's, each checked as an outside verifier would (receipt, key, witnesses)."""
    if certificate.ledger_index is None:  # issued before the log existed
        return {"logged": False}
    district = certificate.district
    issued = entry_check(district=district, index=certificate.ledger_index)
    matches = (
        None
        if issued["entry"] is None
        else issued["entry"].get("payload") == payload_digest(certificate.payload)
    )
    revoked = None
    if certificate.revocation_index is not None:
        revoked = entry_check(district=district, index=certificate.revocation_index)
    return {
        "logged": True,
        "issued": issued,
        "payload_matches": matches,
        "revocation": revoked,
        "receipt_url": f"/ledger/receipt/{certificate.ledger_index}?district={district.code}",
        "key_url": f"/ledger/key?district={district.code}",
        "quorum": witnessing.quorum(),
    }


def certificate_revoke(*, certificate: Certificate, reason: str, actor) -> None:
    now = clock.now()
    index = ledger_events.certificate_revoked(certificate, reason)
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_at=now, revoked_reason=reason, revocation_index=index
    )
    if certificate.record_id:
        people_services.record_revoke(record=certificate.record, reason=reason, actor=actor)
