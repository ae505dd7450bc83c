"""Credit records (信用记录) and the eligibility rules that read them.

Trust-first (告知承诺, 国办发〔2020〕42号) and accept-with-gaps (容缺受理) are refused to applicants with a bad
credit record or a past false commitment. Records are appended, never edited; repair comes as a later record
(the credit ledger issue builds levels and appeals on top of this)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onedoor.core.audit import audit
from onedoor.core.errors import DomainError
from onedoor.people.models import CreditKind, CreditRecord


@transaction.atomic
def credit_record_add(
    *,
    district,
    kind: str,
    reason_code: str,
    reason: str,
    person=None,
    enterprise=None,
    source_ref: str = "",
    false_promise: bool = False,
    actor=None,
) -> CreditRecord:
    holder = person or enterprise
    if (person is None) == (enterprise is None):
        raise DomainError("one_holder", _("A credit record belongs to exactly one person or enterprise."))
    if holder.district_id != district.id:
        raise DomainError("cross_district", _("The holder belongs to another district."))
    if kind not in CreditKind.values or not reason.strip():
        raise DomainError("bad_credit_record", _("A credit record needs a kind and a reason."))
    record = CreditRecord.objects.create(
        district=district,
        person=person,
        enterprise=enterprise,
        kind=kind,
        reason_code=reason_code,
        reason=reason,
        source_ref=source_ref,
        false_promise=false_promise,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    audit(district=district, actor=actor, action=f"credit.{kind}", obj=record, reason=reason)
    return record


def credit_of(*, district, person=None, enterprise=None):
    """The holder's credit records, newest first (scoped to the district)."""
    return CreditRecord.objects.filter(district=district, person=person, enterprise=enterprise)


def trust_refusal(*, district, person=None, enterprise=None):
    """Why this applicant may not use trust-first or accept-with-gaps, or None when they may.
    A past false commitment is named before any other bad record (one query reads the worst first)."""
    worst = (
        credit_of(district=district, person=person, enterprise=enterprise)
        .filter(Q(false_promise=True) | Q(kind=CreditKind.BAD))
        .order_by("-false_promise", "-id")
        .first()
    )
    if worst is None:
        return None
    if worst.false_promise:
        return _("A past commitment of this applicant was found false; trust first is not available.")
    return _("This applicant has a bad credit record (%(reason)s); trust first is not available.") % {
        "reason": worst.reason
    }
