"""The citizen's credit through the API (tag `portal`, the citizen's session and CSRF, as the pages): their
level and records — and, when acting for an enterprise, the enterprise's — and an appeal against a record.
The same services as `/citizen/credit/`; receipts are downloaded from the page's link."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from onedoor.applications.api import CitizenSession
from onedoor.citizens.views import acting_enterprise
from onedoor.core.api_schemas import ObjectIn, Text, errors
from onedoor.core.errors import Conflict, NotFound
from onedoor.core.numbers import BIGINT
from onedoor.people.credit import credit_profile
from onedoor.people.credit_appeals import credit_appeal_file
from onedoor.people.models import AppealStatus, CreditAppeal, CreditRecord

router = Router(tags=["portal"], auth=CitizenSession())


class CreditAppealOut(Schema):
    id: int
    record: int
    status: str = Field(description="open | upheld | rejected")
    reasons: str
    filed_at: datetime
    decided_at: datetime | None
    decision_reason: str
    ledger_index: int


class CreditRecordOut(Schema):
    id: int
    at: datetime
    kind: str = Field(description="good | bad")
    reason_code: str
    reason: str
    false_promise: bool
    points: float | None = Field(description="what it counts now; null once faded or set aside on appeal")
    ledger_index: int | None = Field(
        description="its entry on the district's log; receipts on the credit page"
    )
    appealable: bool
    appeals: list[CreditAppealOut]


class CreditProfileOut(Schema):
    holder: str = Field(description="person | enterprise")
    name: str
    level: str = Field(description="A–D")
    trusted: bool = Field(description="trust first and accepting with gaps are open at this level")
    score: float
    rule: str
    records: list[CreditRecordOut]


class CreditOut(Schema):
    profiles: list[CreditProfileOut]


def _appeal(a: CreditAppeal) -> dict:
    return {
        "id": a.pk,
        "record": a.record_id,
        "status": a.status,
        "reasons": a.reasons,
        "filed_at": a.filed_at,
        "decided_at": a.decided_at,
        "decision_reason": a.decision_reason,
        "ledger_index": a.ledger_index,
    }


def _profile(holder: str, name: str, profile) -> dict:
    assessment = profile.assessment
    return {
        "holder": holder,
        "name": name,
        "level": assessment.level,
        "trusted": assessment.trusted,
        "score": assessment.score,
        "rule": assessment.rule,
        "records": [
            {
                "id": row.record.pk,
                "at": row.record.at,
                "kind": row.record.kind,
                "reason_code": row.record.reason_code,
                "reason": row.label,
                "false_promise": row.record.false_promise,
                "points": row.points,
                "ledger_index": row.record.ledger_index,
                "appealable": row.appealable,
                "appeals": [_appeal(a) for a in row.appeals],
            }
            for row in profile.rows
        ],
    }


@router.get("", response={200: CreditOut, **errors(401)}, summary="My credit")
def mine(request):
    """The citizen's level and records, and the enterprise's when they act for one (newest first)."""
    person, _level = request.auth
    profiles = [_profile("person", person.name, credit_profile(district=person.district, person=person))]
    enterprise = acting_enterprise(request)
    if enterprise is not None:
        profile = credit_profile(district=person.district, enterprise=enterprise)
        profiles.append(_profile("enterprise", enterprise.name, profile))
    return {"profiles": profiles}


class AppealIn(ObjectIn):
    reasons: Text = Field(max_length=2000, description="why the record is wrong")


@router.post(
    "/records/{record_id}/appeal",
    response={201: CreditAppealOut, 200: CreditAppealOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Appeal a credit record",
)
def appeal(request, record_id: int, body: AppealIn):
    """Appeal one of one's own records (or the acting enterprise's). Sending the same appeal again answers
    200 with the open appeal; an open appeal with other reasons, or an upheld one, is a 409."""
    person, _level = request.auth
    enterprise = acting_enterprise(request)
    record = (
        CreditRecord.objects.filter(district_id=person.district_id, pk=record_id).first()
        if 0 < record_id <= BIGINT
        else None
    )
    if record is None or not (
        record.person_id == person.pk or (enterprise is not None and record.enterprise_id == enterprise.pk)
    ):
        raise NotFound("credit_record_not_found", _("You have no such credit record."))
    try:
        with transaction.atomic():
            filed = credit_appeal_file(
                person=person,
                record_id=record.pk,
                reasons=body.reasons,
                enterprise=enterprise if record.enterprise_id else None,
            )
    except Conflict:
        same = record.appeals.filter(
            status=AppealStatus.OPEN, filed_by=person, reasons=body.reasons.strip()
        ).first()
        if same is None:
            raise
        return Status(200, _appeal(same))
    return Status(201, _appeal(filed))
