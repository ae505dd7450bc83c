"""Case API: accept (idempotent), read, list, act; public progress and certificate verification."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Header, Query, Router, Schema
from ninja.throttling import BaseThrottle
from pydantic import BaseModel

from onedoor.cases import selectors, shown, workflow
from onedoor.cases.actions import case_act, recompute_deadline, roles_in
from onedoor.cases.certificates import certificate_check, certificate_find
from onedoor.cases.models import Case
from onedoor.cases.services import case_accept
from onedoor.core import ratelimit
from onedoor.core.api_schemas import ObjectIn, Text, errors
from onedoor.core.errors import DomainError, NotFound
from onedoor.districts.auth import BearerToken

router = Router(tags=["cases"], auth=BearerToken())
public_router = Router(tags=["public"], auth=None)
certificates_router = Router(tags=["public"], auth=None)


class MaterialIn(ObjectIn):
    code: Text
    received: bool = False
    criteria: dict[Text, bool] = Field(default_factory=dict)


class CaseIn(ObjectIn):
    item_code: Text
    applicant: Text = Field(description="resident ID number or unified social credit code")
    applicant_name: Text = Field("", description="needed only to register a person not yet known")
    mode: Text = Field("normal", description="normal | trust_first | with_gaps")
    channel: Text = "window"
    centre: Text | None = Field(None, description="centre code; defaults to the staff member's own")
    commitment_signed: bool = Field(
        False, description="trust first: the applicant signed the commitment on paper (the window confirms)"
    )
    materials: list[MaterialIn] = Field(default_factory=list)


# The answers below are plain pydantic models, validated from the dicts the views build: ninja's Schema would
# wrap each dict in an attribute getter first, which cost more than the validation itself on a case read.
class CaseMaterialOut(BaseModel):
    code: str
    name: str
    status: str
    record_id: int | None
    waived_reason: str


class CaseSummaryOut(BaseModel):
    """One row of the case list: what a queue or a search shows; GET /cases/{number} gives the rest."""

    number: str
    status: str
    status_label: str
    item_code: str
    item_name: str
    department: str
    mode: str
    instant: bool
    applicant: str
    accepted_at: datetime
    deadline: datetime | None
    closed_at: datetime | None
    revision: int


class PendingDecisionOut(BaseModel):
    decision: str = Field(description="approve | reject")
    decided_by: str
    second_approver: str = Field(description="the only one who may confirm or overrule it")
    reason: str


class CaseOut(CaseSummaryOut):
    """One case in full: the summary, the later-materials deadline, materials (and which were waived on a
    settled record), the certificate and what the caller may do now."""

    stage_deadline: datetime | None = Field(
        None, description="the current stage's own time limit (its share of the promised days)"
    )
    pending_decision: PendingDecisionOut | None = Field(
        None, description="status confirm: the deviating decision that waits for its second approver"
    )
    gaps_deadline: datetime | None
    post_review_deadline: datetime | None = Field(
        None, description="trust first: when the department's post-review (告知承诺核查) is due"
    )
    post_review_done_at: datetime | None = Field(None, description="trust first: when it passed or failed")
    extension_days_left: int | None = Field(
        None, description="working days an extension may still add within the item's legal limit"
    )
    waived_materials: list[CaseMaterialOut]
    materials: list[CaseMaterialOut]
    certificate_id: str | None
    allowed_actions: list[str]


class CasePage(BaseModel):
    items: list[CaseSummaryOut]
    next: str | None


class ActionIn(ObjectIn):
    action: Text
    opinion: Text = ""
    criteria: dict[Text, bool] = Field(
        default_factory=dict,
        description="criterion id → met: every criterion of the materials held (undertake, review, approve, "
        "reject, other), or of the materials supplied (supply_gap)",
    )
    reason: Text = ""
    basis: Text = Field("", description="legal basis (rejection, revocation)")
    days: int = Field(0, ge=0, le=365, description="extension in working days")
    materials: list[Text] = Field(default_factory=list, description="material codes (correction, supply_gap)")
    second_approver: Text = Field(
        "", description="username confirming a decision that deviates from the criteria"
    )
    procedure: Text = Field(
        "",
        description="suspend: hearing | tender | testing | appraisal | expert_review (the special procedure)",
    )
    originals: list[Text] = Field(
        default_factory=list,
        description="supply_gap: codes of the supplied materials whose original the window generalist checked "
        "in hand (each, with every criterion met, becomes a level-B settled record)",
    )
    revision: int | None = Field(None, description="the revision you saw; a stale one is a conflict")


class PublicStep(Schema):
    action: str
    to_status: str
    at: datetime


class PublicCaseOut(Schema):
    number: str
    item_name: str
    department: str
    status: str
    status_label: str
    accepted_at: datetime
    deadline: datetime | None
    closed_at: datetime | None
    steps: list[PublicStep]


class LedgerEntryCheckOut(Schema):
    index: int
    ok: bool | None = Field(description="the receipt verified; null while no checkpoint includes it yet")
    size: int | None = Field(description="the checkpointed tree size the receipt was checked against")
    cosigners: list[tuple[str, int]] = Field(description="witnesses that cosigned: (name, POSIX time)")
    reason: str


class CertificateLedgerOut(Schema):
    logged: bool
    issued: LedgerEntryCheckOut | None = None
    payload_matches: bool | None = Field(None, description="the issuing entry's digest is this payload's")
    revocation: LedgerEntryCheckOut | None = None
    receipt_url: str | None = None
    key_url: str | None = None
    quorum: int | None = None


class VerifyOut(Schema):
    id: str
    ledger: CertificateLedgerOut
    valid: bool
    signature_valid: bool
    revoked: bool
    revoked_reason: str
    key_id: str
    signature: str
    payload: dict


def case_summary(case: Case) -> dict:
    names = {
        "item_code": case.item.code,
        "item_name": case.version.name,
        "department_code": case.department.code,
    }
    return {**shown.summary(case, **names), "status_label": str(case.get_status_display())}


def _answer(case_id: int, status: str, department_id: int, stored: str, staff, status_code: int = 200):
    """The case's answer (CaseOut) from its stored part (shown.py) and the caller's roles on it."""
    stored = stored or selectors.stored_answer(case_id)
    if status in workflow.CLOCK_STOPPED:
        stored = _deadline_if_restarted_now(case_id, stored)
    body = shown.answer(
        stored,
        status=status,
        roles=roles_in(staff, department_id),
        caller=getattr(staff, "username", ""),
    )
    return HttpResponse(body, status=status_code, content_type="application/json; charset=utf-8")


def _deadline_if_restarted_now(case_id: int, stored: str) -> str:
    """While the clock is stopped the deadline moves on with every working day of the stop: the answer shows it
    as if the clock restarted now (docs/time-limits.md), not as it stood when the clock stopped."""
    case = Case.objects.select_related("district").get(pk=case_id)
    recompute_deadline(case)
    parts = json.loads(stored)
    parts["deadline"] = shown.utc(case.deadline)
    return json.dumps(parts, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def _case_answer(case: Case, staff, status_code: int = 200):
    return _answer(case.pk, case.status, case.department_id, case.shown, staff, status_code)


@router.post(
    "", response={201: CaseOut, 200: CaseOut, **errors(400, 401, 403, 404, 409, 422)}, summary="Accept"
)
def accept(request, body: CaseIn, idempotency_key: str = Header(..., alias="Idempotency-Key")):
    """Accept an application at the caller's centre. The same Idempotency-Key returns the same case (200)."""
    result = case_accept(
        staff=request.auth,
        item_code=body.item_code,
        applicant=body.applicant,
        applicant_name=body.applicant_name,
        mode=body.mode,
        channel=body.channel,
        centre=body.centre,
        commitment_signed=body.commitment_signed,
        materials=[m.dict() for m in body.materials],
        idempotency_key=_key(idempotency_key),
    )
    return _case_answer(result.case, request.auth, 200 if result.replayed else 201)


def _key(idempotency_key: str) -> str:
    if not idempotency_key.strip() or len(idempotency_key) > 100:
        raise DomainError("bad_idempotency_key", _("Send an Idempotency-Key header of 1 to 100 characters."))
    return idempotency_key.strip()


def _encode(case: Case) -> str:
    raw = json.dumps([case.accepted_at.isoformat(), case.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str | None):
    if not cursor:
        return None
    try:
        at, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return datetime.fromisoformat(at), int(pk)
    except (ValueError, TypeError):
        raise DomainError(
            "bad_cursor", _("This cursor is not valid; start again from the first page.")
        ) from None


class CaseFilters(Schema):
    status: Text | None = None
    department: Text | None = None
    applicant: Text | None = None
    cursor: Text | None = None
    limit: int = Field(20, ge=1, le=100)


@router.get("", response={200: CasePage, **errors(400, 401, 403, 422)}, summary="List cases")
def list_cases(request, params: Query[CaseFilters]):
    """Cases the caller may see, newest first; pass `next` back as `cursor`. Never counts the table."""
    cases = selectors.case_list(
        staff=request.auth,
        status=params.status,
        department=params.department,
        applicant=params.applicant,
        after=_decode(params.cursor),
        limit=params.limit + 1,
    )
    more = len(cases) > params.limit
    cases = cases[: params.limit]
    return CasePage.model_validate(
        {"items": [case_summary(c) for c in cases], "next": _encode(cases[-1]) if more else None}
    )


@router.get("/{number}", response={200: CaseOut, **errors(401, 403, 404)}, summary="One case")
def get_case(request, number: Text):
    """One case the caller may see: its stored answer (shown.py) with the caller's allowed actions."""
    return _answer(*selectors.case_answer_row(staff=request.auth, number=number), request.auth)


@router.post(
    "/{number}/actions", response={200: CaseOut, **errors(400, 401, 403, 404, 409, 422)}, summary="Act"
)
def act(request, number: Text, body: ActionIn, idempotency_key: str = Header(..., alias="Idempotency-Key")):
    """Take a workflow action (undertake, review, approve, reject, request_correction, supply, suspend, resume,
    extend, withdraw, supply_gap, stop_for_gaps, post_review_pass, revoke, complete, deliver). The same
    Idempotency-Key with the same body does not act again: it answers with the case as it is now; with another
    body it is a 409."""
    selectors.case_get(staff=request.auth, number=number)
    case = case_act(
        idempotency_key=_key(idempotency_key),
        staff=request.auth,
        number=number,
        action=body.action,
        opinion=body.opinion,
        criteria=body.criteria,
        reason=body.reason,
        basis=body.basis,
        days=body.days,
        materials=body.materials,
        second_approver=body.second_approver,
        procedure=body.procedure,
        originals=body.originals,
        expected_revision=body.revision,
    )
    return _case_answer(case, request.auth)


class ProgressThrottle(BaseThrottle):
    """The progress page's limit (core/ratelimit.py), so page and API share one count per client."""

    def allow_request(self, request) -> bool:
        return ratelimit.progress_lookup_allowed(request)

    def wait(self) -> float:
        return 60.0


@public_router.get(
    "/cases/{number}",
    response={200: PublicCaseOut, **errors(404, 422, 429)},
    summary="Public progress query",
    throttle=[ProgressThrottle()],
)
def public_case(request, number: Text, applicant_tail: Text):
    """Progress of a case for anyone holding its number and the last 4 characters of the applicant's number.
    The district is the one the number names (it starts with the region code). Rate-limited per client
    address, together with the progress page; a wrong tail looks exactly like an unknown number."""
    case = selectors.case_public_by_number(number.strip().upper(), applicant_tail)
    if case is None:
        raise NotFound("case_not_found", _("No case matches this number and applicant."))
    steps = [{"action": t.action, "to_status": t.to_status, "at": t.at} for t in case.trail.order_by("seq")]
    return {
        "number": case.number,
        "item_name": case.version.name,
        "department": case.department.name,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "accepted_at": case.accepted_at,
        "deadline": case.deadline,
        "closed_at": case.closed_at,
        "steps": steps,
    }


@certificates_router.get(
    "/{certificate_id}/verify", response={200: VerifyOut, **errors(404, 422)}, summary="Verify a certificate"
)
def verify_certificate(request, certificate_id: str):
    """Checks the district's Ed25519 signature over the certificate's payload and whether it was revoked."""
    try:
        public_id = uuid.UUID(certificate_id)
    except ValueError:
        raise NotFound("certificate_not_found", _("No certificate with this id.")) from None
    return certificate_check(certificate_find(public_id))
