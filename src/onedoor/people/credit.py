"""Credit records (信用记录) on the district's ledger, the level they give (people/credit_rule.py, documented
in docs/credit.md), and the eligibility that reads it.

Trust-first (告知承诺, 国办发〔2020〕42号) and accept-with-gaps (容缺受理) are open at credit level B or above, as
Chancheng granted trust approval. Records are appended, never edited: each is a ledger entry whose public part
names only the reason code and the rule (who and why are committed to by digest, for the holder's receipt); an
appeal and its decision append too (people/credit_appeals.py), and an upheld appeal takes its record out of
the computation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import DomainError
from onedoor.ledger.services import ledger_record
from onedoor.people import credit_rule
from onedoor.people.models import AppealStatus, CreditAppeal, CreditKind, CreditRecord

LEDGER_KINDS = {CreditKind.GOOD: "credit.good", CreditKind.BAD: "credit.bad"}
REASON_LABELS = {
    "commitment_kept": _("A trust-first commitment was confirmed at post-review"),
    "gaps_supplied_on_time": _("Materials accepted with gaps arrived before their deadline"),
    "result_revoked": _("A result was revoked"),
    "gaps_missed": _("Materials accepted with gaps did not arrive by their deadline"),
}
LEVEL_LABELS = {
    "A": _("A: good credit"),
    "B": _("B: normal credit"),
    "C": _("C: needs attention (no trust first)"),
    "D": _("D: poor credit (no trust first)"),
}


def holder_private(*, person=None, enterprise=None) -> dict:
    """Who a record is about, for the private (digest-committed) part of a ledger entry."""
    if person is not None:
        return {"holder_type": "person", "holder": person.id_number, "name": person.name}
    return {"holder_type": "enterprise", "holder": enterprise.uscc, "name": enterprise.name}


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
    record.ledger_index = ledger_record(
        district=district,
        kind=LEDGER_KINDS[kind],
        public={"reason_code": reason_code, "rule": credit_rule.RULE},
        private={
            **holder_private(person=person, enterprise=enterprise),
            "reason": reason,
            "source_ref": source_ref,
            "false_promise": false_promise,
            "record": record.pk,
        },
    )
    CreditRecord.objects.filter(pk=record.pk).update(ledger_index=record.ledger_index)
    audit(
        district=district,
        actor=actor,
        action=f"credit.{kind}",
        obj=record,
        reason=reason,
        data={"ledger_index": record.ledger_index},
    )
    return record


def credit_of(*, district, person=None, enterprise=None):
    """The holder's credit records, newest first (scoped to the district), each annotated with
    `appeal_upheld`."""
    upheld = CreditAppeal.objects.filter(record=OuterRef("pk"), status=AppealStatus.UPHELD)
    return CreditRecord.objects.filter(district=district, person=person, enterprise=enterprise).annotate(
        appeal_upheld=Exists(upheld)
    )


def _rule_record(record: CreditRecord) -> credit_rule.Record:
    return credit_rule.Record(
        key=record,
        kind=record.kind,
        reason_code=record.reason_code,
        false_promise=record.false_promise,
        at=record.at,
        appeal_upheld=record.appeal_upheld,
    )


def assess_records(records, now=None) -> credit_rule.Assessment:
    """The rule over records read by `credit_of` (their `appeal_upheld` annotation is needed)."""
    return credit_rule.assess([_rule_record(r) for r in records], now or clock.now())


def credit_assessment(*, district, person=None, enterprise=None) -> credit_rule.Assessment:
    """The holder's level now: one query for the records still inside the rule's window."""
    now = clock.now()
    since = now - timedelta(days=credit_rule.WINDOW_DAYS)
    records = credit_of(district=district, person=person, enterprise=enterprise).filter(at__gte=since)
    return assess_records(records, now)


def reason_label(record: CreditRecord) -> str:
    if record.false_promise:
        return str(_("A commitment was found false"))
    return str(REASON_LABELS.get(record.reason_code, record.reason_code))


def _behind(assessment: credit_rule.Assessment, shown: int = 3) -> str:
    bad = assessment.bad
    parts = [
        f"{c.record.key.at:%Y-%m-%d} {reason_label(c.record.key)}"
        + (f" ({c.record.key.source_ref})" if c.record.key.source_ref else "")
        for c in bad[:shown]
    ]
    if len(bad) > shown:
        parts.append(str(_("and %(count)d more") % {"count": len(bad) - shown}))
    return "; ".join(parts)


def refusal_for(assessment: credit_rule.Assessment):
    """The localized reason trust first and accepting with gaps are refused at this level, or None."""
    if assessment.trusted:
        return None
    values = {"level": assessment.level, "rule": assessment.rule, "records": _behind(assessment)}
    if assessment.false_commitment:
        return (
            _(
                "A past commitment of this applicant was found false; trust first and accepting with gaps are "
                "not available until it is repaired (credit level %(level)s, %(rule)s; records: %(records)s)."
            )
            % values
        )
    return (
        _(
            "Credit level %(level)s (%(rule)s): trust first and accepting with gaps need level B or above. "
            "Records behind it: %(records)s."
        )
        % values
    )


def trust_refusal(*, district, person=None, enterprise=None):
    """Why this applicant may not use trust-first or accept-with-gaps, or None when they may (level A or B)."""
    return refusal_for(credit_assessment(district=district, person=person, enterprise=enterprise))


@dataclass
class RecordRow:
    record: CreditRecord
    label: str
    points: float | None  # what it counts now; None once faded or taken out by an upheld appeal
    appeals: list

    @property
    def appealable(self) -> bool:
        """No appeal open and none upheld (after a rejection the holder may appeal again)."""
        return not any(a.status in (AppealStatus.OPEN, AppealStatus.UPHELD) for a in self.appeals)


@dataclass
class Profile:
    assessment: credit_rule.Assessment
    level_label: str
    rows: list[RecordRow]


def credit_profile(*, district, person=None, enterprise=None, limit: int = 200) -> Profile:
    """Every record of the holder (newest first) with what it counts now and its appeals, and the level."""
    records = list(
        credit_of(district=district, person=person, enterprise=enterprise)
        .prefetch_related("appeals")
        .order_by("-at", "-id")[:limit]
    )
    assessment = credit_assessment(district=district, person=person, enterprise=enterprise)
    points = {c.record.key.pk: c.points for c in assessment.counted}
    rows = [
        RecordRow(
            record=r,
            label=reason_label(r),
            points=points.get(r.pk),
            appeals=sorted(r.appeals.all(), key=lambda a: a.filed_at, reverse=True),
        )
        for r in records
    ]
    return Profile(assessment=assessment, level_label=str(LEVEL_LABELS[assessment.level]), rows=rows)
