"""The case spine's events on the district's transparency log (issue 6 §1): a trust-first commitment signed,
a post-review's result, a revocation, a certificate issued or revoked. Each is appended in the business
change's transaction; the public entry holds no personal data — who and what are committed to by digest
(`ledger_record`'s private part) and given to the holder in their receipt."""

from __future__ import annotations

import base64
import hashlib

from onedoor.core.signing import canonical_json
from onedoor.ledger.services import ledger_record


def _holder(case) -> dict:
    return {"holder": case.applicant_number, "name": case.applicant_name}


def commitment_signed(case) -> int:
    """告知承诺: the applicant's signed commitment, as accepted at the window."""
    return ledger_record(
        district=case.district,
        kind="commitment.signed",
        public={"item": case.item.code, "version": case.version.number},
        private={
            **_holder(case),
            "case": case.number,
            "text": case.commitment_text,
            "signed_at": case.commitment_signed_at.isoformat(),
            "post_review_by": case.post_review_deadline.isoformat() if case.post_review_deadline else None,
        },
    )


REVIEW_KINDS = {"post_review_pass": "post_review.passed", "revoke": "case.revoked"}


def case_reviewed(case, action: str, reason: str) -> int:
    """A post-review passed, or a result revoked (after a failed post-review or otherwise)."""
    return ledger_record(
        district=case.district,
        kind=REVIEW_KINDS[action],
        public={"item": case.item.code, "mode": case.mode},
        private={**_holder(case), "case": case.number, "reason": reason, "basis": case.outcome_basis},
    )


def payload_digest(payload: dict) -> str:
    """base64 SHA-256 of the certificate's signed bytes (its canonical JSON)."""
    return base64.b64encode(hashlib.sha256(canonical_json(payload)).digest()).decode()


def certificate_issued(certificate) -> int:
    """The certificate's signed payload by its hash: the payload holds a random id, so the hash reveals
    nothing; anyone holding the certificate recomputes it."""
    return ledger_record(
        district=certificate.case.district,
        kind="certificate.issued",
        public={"payload": payload_digest(certificate.payload), "key_id": certificate.key_id},
    )


def certificate_revoked(certificate, reason: str) -> int:
    return ledger_record(
        district=certificate.case.district,
        kind="certificate.revoked",
        public={"payload": payload_digest(certificate.payload)},
        private={"certificate": str(certificate.public_id), "reason": reason},
    )
