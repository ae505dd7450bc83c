"""Complaint and consultation API (tag `supervision`): a citizen files online (the portal's session cookie,
CSRF on writes); staff record one from a window or a phone call, the handling department replies (the
automatic checks can be run first, without sending), a supervisor reviews, and staff list what is overdue
(Bearer token). POSTs that write take an Idempotency-Key: the same key returns the first answer (200)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.utils.translation import gettext_lazy as _
from ninja import Field, Header, Path, Query, Router, Schema, Status

from onedoor.applications.api import CitizenSession
from onedoor.complaints import rules, selectors, services
from onedoor.complaints.models import Complaint, Reply
from onedoor.core.api_schemas import ObjectIn, Text, errors
from onedoor.core.errors import DomainError, NotFound
from onedoor.districts.auth import BearerToken
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Department
from onedoor.people.masking import mask_name, mask_phone
from onedoor.people.selectors import person_find

router = Router(tags=["supervision"])
# A bigint: a larger or non-numeric id is a 422 from the schema, not a database error or an HTML 404.
ComplaintId = Annotated[int, Path(ge=1, le=2**63 - 1)]


def _key(value: str) -> str:
    if not value.strip() or len(value) > services.KEY_MAX:
        raise DomainError("bad_idempotency_key", _("Send an Idempotency-Key header of 1 to 100 characters."))
    return value.strip()


class ComplaintIn(ObjectIn):
    kind: Text = Field(description="complaint | consultation")
    category: Text = Field(description="one of docs/complaints.md's categories, e.g. delay, fees, policy")
    subject: Text = Field(max_length=rules.SUBJECT_MAX)
    text: Text = Field(max_length=rules.TEXT_MAX)
    case: Text = Field("", description="a case number of yours, when it is about one")
    item: Text = Field("", description="an item's implementation code")
    centre: Text = Field("", description="a service centre's code")
    department: Text = Field("", description="a department's code")


class RecordedIn(ComplaintIn):
    channel: Text = Field(description="window | phone")
    id_number: Text = Field("", description="the filer's resident ID number, when registered here")
    filer_name: Text = Field("", max_length=60)
    filer_phone: Text = Field("", max_length=20)


class CheckOut(Schema):
    code: str
    passed: bool
    severity: str = Field(description="hard: sends the reply back; warn: for the supervisor")
    detail: dict


class ReplyOut(Schema):
    id: int
    text: str
    at: datetime
    late: bool
    outcome: str
    checks: list[CheckOut]
    score: int | None
    reasons: list[str]
    review_note: str


class ComplaintOut(Schema):
    id: int
    number: str
    kind: str
    channel: str
    category: str
    subject: str
    status: str
    status_label: str
    department: str | None = Field(description="the handling department's code")
    routed_by: str = Field(
        description="rule | linked | default | supervisor; empty: waiting for a supervisor"
    )
    received_at: datetime
    deadline: datetime
    light: str | None = Field(description="green | yellow | red while unanswered")
    escalation_due: datetime
    escalated_at: datetime | None
    filer_name: str = Field(description="masked")
    filer_phone: str = Field(description="masked")
    case: str | None
    item: str | None
    allowed_actions: list[str]


def complaint_out(complaint: Complaint, calendar=None) -> dict:
    calendar = calendar or calendar_for(complaint.district)
    timing = selectors.timing(complaint, calendar=calendar)
    return {
        "id": complaint.pk,
        "number": complaint.number,
        "kind": complaint.kind,
        "channel": complaint.channel,
        "category": complaint.category,
        "subject": complaint.subject,
        "status": complaint.status,
        "status_label": str(complaint.get_status_display()),
        "department": complaint.department.code if complaint.department_id else None,
        "routed_by": complaint.route,
        "received_at": complaint.received_at,
        "deadline": complaint.deadline,
        "light": timing.light,
        "escalation_due": complaint.escalation_due,
        "escalated_at": complaint.escalated_at,
        "filer_name": mask_name(complaint.filer_name),
        "filer_phone": mask_phone(complaint.filer_phone),
        "case": complaint.case.number if complaint.case_id else None,
        "item": complaint.item.code if complaint.item_id else None,
        "allowed_actions": rules.allowed(complaint.status),
    }


def reply_out(reply: Reply) -> dict:
    return {
        "id": reply.pk,
        "text": reply.text,
        "at": reply.at,
        "late": reply.late,
        "outcome": reply.outcome,
        "checks": reply.checks,
        "score": reply.score,
        "reasons": reply.reasons,
        "review_note": reply.review_note,
    }


def _reloaded(pk: int) -> Complaint:
    return Complaint.objects.select_related("district", "department", "case", "item").get(pk=pk)


@router.post(
    "",
    response={201: ComplaintOut, 200: ComplaintOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=CitizenSession(),
    summary="File a complaint or consultation online",
)
def submit(request, body: ComplaintIn, idempotency_key: str = Header(..., alias="Idempotency-Key")):
    """The logged-in citizen files as themselves; it is routed to a department at once."""
    person, _level = request.auth
    result = services.complaint_submit(
        district=person.district,
        kind=body.kind,
        channel=rules.ONLINE,
        category=body.category,
        subject=body.subject,
        text=body.text,
        person=person,
        case_number=body.case,
        item_code=body.item,
        centre_code=body.centre,
        department_code=body.department,
        key=_key(idempotency_key),
    )
    return Status(200 if result.replayed else 201, complaint_out(_reloaded(result.complaint.pk)))


@router.post(
    "/recorded",
    response={201: ComplaintOut, 200: ComplaintOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=BearerToken(),
    summary="Record a complaint or consultation from a window or a phone call",
)
def record(request, body: RecordedIn, idempotency_key: str = Header(..., alias="Idempotency-Key")):
    """Window staff, chief representatives and supervisors record one for a registered person (by ID
    number) or for a name and phone."""
    staff = request.auth
    person = person_find(staff=staff, number=body.id_number) if body.id_number.strip() else None
    if body.id_number.strip() and person is None:
        raise DomainError("person_not_found", _("No person with this number is registered here."))
    result = services.complaint_submit(
        district=staff.district,
        kind=body.kind,
        channel=body.channel,
        category=body.category,
        subject=body.subject,
        text=body.text,
        person=person,
        staff=staff,
        filer_name=body.filer_name,
        filer_phone=body.filer_phone,
        case_number=body.case,
        item_code=body.item,
        centre_code=body.centre,
        department_code=body.department,
        key=_key(idempotency_key),
    )
    return Status(200 if result.replayed else 201, complaint_out(_reloaded(result.complaint.pk)))


class OverduePage(Schema):
    items: list[ComplaintOut]
    next: str | None = Field(description="pass back as `after` for the next page")


class OverdueFilters(Schema):
    escalated: bool = Field(False, description="only those escalated to the supervisor (3x the limit)")
    after: Text | None = None
    limit: int = Field(20, ge=1, le=100)


@router.get(
    "/overdue",
    response={200: OverduePage, **errors(400, 401, 403, 422)},
    auth=BearerToken(),
    summary="List overdue complaints and consultations",
)
def overdue(request, params: Query[OverdueFilters]):
    """Unanswered past their deadline, the most overdue first: the caller's departments' (a supervisor:
    the district's). Never counted."""
    rows = selectors.complaints_for(
        request.auth, overdue=True, escalated=params.escalated, after=params.after, limit=params.limit + 1
    )
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    calendar = calendar_for(request.auth.district) if rows else None
    return {
        "items": [complaint_out(c, calendar) for c in rows],
        "next": selectors.cursor_of(rows[-1]) if more else None,
    }


class ComplaintDetail(ComplaintOut):
    text: str
    replies: list[ReplyOut]


@router.get(
    "/{complaint_id}",
    response={200: ComplaintDetail, **errors(401, 404, 422)},
    auth=BearerToken(),
    summary="Read a complaint or consultation",
)
def detail(request, complaint_id: ComplaintId):
    complaint = services.complaint_for(request.auth, complaint_id)
    body = complaint_out(_reloaded(complaint.pk))
    body.update(text=complaint.text, replies=[reply_out(r) for r in complaint.replies.order_by("at", "id")])
    return body


class ReplyIn(ObjectIn):
    text: Text = Field(max_length=rules.REPLY_MAX)
    revision: int | None = Field(None, description="the revision you saw; a stale one is a conflict")


class ChecksIn(ObjectIn):
    text: Text = Field(max_length=rules.REPLY_MAX)


@router.post(
    "/{complaint_id}/checks",
    response={200: list[CheckOut], **errors(400, 401, 403, 404, 422)},
    auth=BearerToken(),
    summary="Check a reply before sending it",
)
def checks(request, complaint_id: ComplaintId, body: ChecksIn):
    """The automatic checks a reply would get now; nothing is written."""
    complaint = services.complaint_for(request.auth, complaint_id)
    services.access.access_act(request.auth, complaint, "reply")
    return [r.as_dict() for r in services.reply_checks(complaint, body.text)]


@router.post(
    "/{complaint_id}/reply",
    response={200: ReplyOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=BearerToken(),
    summary="Reply to a complaint or consultation",
)
def reply(
    request,
    complaint_id: ComplaintId,
    body: ReplyIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
):
    """The handling department's reply. A hard automatic failure (empty, too short, a copied template) sends
    it straight back (outcome `returned`); otherwise it waits for the supervisor's review."""
    sent = services.complaint_reply(
        staff=request.auth,
        complaint_id=complaint_id,
        text=body.text,
        key=_key(idempotency_key),
        expected_revision=body.revision,
    )
    return reply_out(sent)


class ReviewIn(ObjectIn):
    score: int = Field(description="1–5; 3 or more passes")
    reasons: list[Text] = Field(default_factory=list, description="reason codes (docs/complaints.md)")
    note: Text = Field("", max_length=services.NOTE_MAX)
    revision: int | None = None


@router.post(
    "/{complaint_id}/review",
    response={200: ReplyOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=BearerToken(),
    summary="Review a reply",
)
def review(
    request,
    complaint_id: ComplaintId,
    body: ReviewIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
):
    """A supervisor scores the waiting reply; below 3 it goes back to the department with the reasons."""
    reviewed = services.complaint_review(
        staff=request.auth,
        complaint_id=complaint_id,
        score=body.score,
        reasons=body.reasons,
        note=body.note,
        key=_key(idempotency_key),
        expected_revision=body.revision,
    )
    return reply_out(reviewed)


class ComplaintActionIn(ObjectIn):
    action: Text = Field(description="assign | close | reopen")
    department: Text = Field("", description="assign: the department's code")
    note: Text = Field("", max_length=services.NOTE_MAX, description="reopen: why (required)")
    revision: int | None = None


@router.post(
    "/{complaint_id}/actions",
    response={200: ComplaintOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=BearerToken(),
    summary="Assign, close or reopen a complaint (supervisor)",
)
def act(
    request,
    complaint_id: ComplaintId,
    body: ComplaintActionIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
):
    staff, key = request.auth, _key(idempotency_key)
    if body.action == "assign":
        department = Department.objects.filter(district_id=staff.district_id, code=body.department).first()
        if department is None:
            raise NotFound("department_not_found", _("No such department."), field="department")
        done = services.complaint_assign(
            staff=staff,
            complaint_id=complaint_id,
            department_id=department.pk,
            note=body.note,
            key=key,
            expected_revision=body.revision,
        )
    elif body.action == "close":
        done = services.complaint_close(staff=staff, complaint_id=complaint_id, note=body.note, key=key)
    elif body.action == "reopen":
        done = services.complaint_reopen(staff=staff, complaint_id=complaint_id, note=body.note, key=key)
    else:
        raise DomainError("unknown_action", _("Unknown action."), action=body.action)
    return complaint_out(_reloaded(done.pk))
