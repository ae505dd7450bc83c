"""Every write of complaints and consultations: filing (online by a citizen, at a window or from a phone call
by staff), routing, assignment, the department's reply and its automatic checks, the supervisor's review,
closing and reopening, and the logged full view of a filer's details. Atomic, validated, audited in the same
transaction; every change of state is a ComplaintStep; writes carrying a client key are idempotent."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import Case
from onedoor.catalog.models import Item
from onedoor.complaints import access, quality, rules
from onedoor.complaints.models import (
    Complaint,
    ComplaintStep,
    Reply,
    ReplyOutcome,
    ReplyTemplate,
    RoutingRule,
    TimeLimit,
)
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Centre, Department
from onedoor.people.models import AccessKind, DataAccess

KEY_MAX = 100
NOTE_MAX = 2000
PHONE = re.compile(r"^\+?[0-9][0-9\- ]{4,19}$")
PASS_SCORE = 3  # a supervisor's score of 3 or more passes the reply
REVIEW_REASONS = {
    "answered": _("Answers what was asked"),
    "explained_basis": _("Explains the basis"),
    "resolved": _("The problem was solved"),
    "unanswered": _("Does not answer what was asked"),
    "no_basis": _("No basis or explanation given"),
    "evasive": _("Evasive or passes the buck"),
    "wrong": _("Wrong information"),
    "tone": _("Improper tone"),
    "incomplete": _("Answers only part of it"),
}
CHECK_LABELS = {
    "empty": _("The reply is empty."),
    "too_short": _("The reply is too short."),
    "template_copy": _("The reply is a copy of a template or of an earlier reply."),
    "no_answer": _("The reply does not seem to answer what was asked."),
    "late": _("The reply is later than the deadline."),
}


def _check_key(key: str | None) -> str:
    key = (key or "").strip()
    if len(key) > KEY_MAX:
        raise DomainError("bad_idempotency_key", _("Send an Idempotency-Key header of 1 to 100 characters."))
    return key


def _note(note: str | None, *, required=None) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(
            "note_too_long", _("The note is too long (2,000 characters at most)."), field="note"
        )
    if required is not None and not note:
        raise DomainError("note_required", required, field="note")
    return note


def limits_of(district) -> dict[str, int]:
    return dict(TimeLimit.objects.filter(district=district).values_list("kind", "working_days"))


def routing_rules(district) -> list[rules.Rule]:
    rows = RoutingRule.objects.filter(district=district).values_list(
        "pk", "item_id", "category", "department_id"
    )
    return [rules.Rule(*row) for row in rows]


def _step(
    complaint, actor, action, before, *, note="", data=None, key="", at=None, label=""
) -> ComplaintStep:
    step = ComplaintStep.objects.create(
        district_id=complaint.district_id,
        complaint=complaint,
        at=at or clock.now(),
        actor=actor,
        actor_label=getattr(actor, "username", "") or label or "system",
        action=action,
        from_status=before,
        to_status=complaint.status,
        note=note,
        data=data or {},
        key=key,
    )
    audit(
        district=complaint.district,
        actor=actor,
        action=f"complaint.{action}",
        obj=complaint,
        reason=note,
        data={"from": before, "to": complaint.status, **(data or {})},
    )
    return step


# --- filing ----------------------------------------------------------------------------------------------


@dataclass
class Submitted:
    complaint: Complaint
    replayed: bool = False


def _links(district, *, person, case_number, item_code, centre_code, department_code):
    case = item = centre = department = None
    if case_number:
        rows = Case.objects.filter(district=district, number=case_number)
        if person is not None:
            rows = rows.filter(person=person)  # a citizen links only a case of their own
        case = rows.first()
        if case is None:
            raise NotFound("case_not_found", _("No such case."), field="case")
    if item_code:
        item = Item.objects.filter(district=district, code=item_code).first()
        if item is None:
            raise NotFound("item_not_found", _("No such item in this district."), field="item")
    if centre_code:
        centre = Centre.objects.filter(district=district, code=centre_code).first()
        if centre is None:
            raise NotFound("centre_not_found", _("No such service centre."), field="centre")
    if department_code:
        department = Department.objects.filter(district=district, code=department_code).first()
        if department is None:
            raise NotFound("department_not_found", _("No such department."), field="department")
    if case is not None:
        item = item or case.item
        centre = centre or case.centre
    return case, item, centre, department


def _validate(kind, channel, category, subject, text, filer_name, filer_phone, person):
    if kind not in rules.KINDS:
        raise DomainError("bad_kind", _("Choose a complaint or a consultation."), field="kind")
    if channel not in rules.CHANNELS:
        raise DomainError("bad_channel", _("Unknown channel."), field="channel")
    if category not in rules.CATEGORIES:
        raise DomainError("bad_category", _("Choose a category from the list."), field="category")
    if not subject or len(subject) > rules.SUBJECT_MAX:
        raise DomainError("bad_subject", _("Give a subject of 1 to 120 characters."), field="subject")
    if not text or len(text) > rules.TEXT_MAX:
        raise DomainError(
            "bad_text", _("Write what happened or what you ask, up to 4,000 characters."), field="text"
        )
    if person is None and (not filer_name or len(filer_name) > 60):
        raise DomainError("name_required", _("Give the filer's name."), field="filer_name")
    if filer_phone and not PHONE.match(filer_phone):
        raise DomainError("bad_phone", _("The phone number is not valid."), field="filer_phone")
    if person is None and not filer_phone:
        raise DomainError("phone_required", _("Give a phone number to reply to."), field="filer_phone")


def complaint_submit(
    *,
    district,
    kind: str,
    channel: str,
    category: str,
    subject: str,
    text: str,
    person=None,
    staff=None,
    filer_name: str = "",
    filer_phone: str = "",
    case_number: str = "",
    item_code: str = "",
    centre_code: str = "",
    department_code: str = "",
    key: str = "",
) -> Submitted:
    """File a complaint or consultation. A citizen files online (or at a kiosk) as themselves; staff record
    one from a window or a phone call, for a registered person or a name and phone. It is routed at once;
    with no rule, link or district default it waits, received, for a supervisor to assign it."""
    key = _check_key(key)
    subject, text = (subject or "").strip(), (text or "").strip()
    filer_name, filer_phone = (filer_name or "").strip(), (filer_phone or "").strip()
    if staff is not None:
        access.access_record(staff)
        if staff.district_id != district.pk:
            raise Forbidden("other_district", _("This account belongs to another district."))
        if channel not in rules.STAFF_CHANNELS:
            raise DomainError("bad_channel", _("Staff record complaints from a window or a phone call."))
    elif person is None or channel not in (rules.ONLINE, rules.KIOSK):
        raise Forbidden("citizen_required", _("Log in to file online."))
    if person is not None:
        filer_name = filer_name or person.name
        filer_phone = filer_phone or person.phone
    _validate(kind, channel, category, subject, text, filer_name, filer_phone, person)
    if key:
        existing = Complaint.objects.filter(district=district, submit_key=key).first()
        if existing is not None:
            return _replay(existing, person, staff)
    case, item, centre, linked = _links(
        district,
        person=person if staff is None else None,
        case_number=(case_number or "").strip(),
        item_code=(item_code or "").strip(),
        centre_code=(centre_code or "").strip(),
        department_code=(department_code or "").strip(),
    )
    try:
        with transaction.atomic():
            return Submitted(
                _create(
                    district,
                    kind,
                    channel,
                    category,
                    subject,
                    text,
                    person,
                    staff,
                    filer_name,
                    filer_phone,
                    case,
                    item,
                    centre,
                    linked,
                    key,
                )
            )
    except IntegrityError:
        existing = Complaint.objects.filter(district=district, submit_key=key).first() if key else None
        if existing is None:
            raise
        return _replay(existing, person, staff)


def _replay(existing, person, staff) -> Submitted:
    same = (person is not None and existing.person_id == person.pk and staff is None) or (
        staff is not None and existing.recorded_by_id == staff.pk
    )
    if not same:
        raise Conflict("key_in_use", _("This Idempotency-Key was used for another request."))
    return Submitted(existing, replayed=True)


def _create(
    district,
    kind,
    channel,
    category,
    subject,
    text,
    person,
    staff,
    filer_name,
    filer_phone,
    case,
    item,
    centre,
    linked,
    key,
) -> Complaint:
    now = clock.now()
    days = rules.limit_days(kind, limits_of(district))
    deadline, escalation_due = rules.deadlines(calendar_for(district), now, days)
    complaint = Complaint.objects.create(
        district=district,
        kind=kind,
        channel=channel,
        category=category,
        subject=subject,
        text=text,
        person=person,
        filer_name=filer_name,
        filer_phone=filer_phone,
        recorded_by=staff,
        case=case,
        item=item,
        centre=centre,
        linked_department=linked,
        status=rules.RECEIVED,
        limit_days=days,
        received_at=now,
        clock_from=now,
        deadline=deadline,
        escalation_due=escalation_due,
        submit_key=key,
    )
    prefix = "TS" if kind == rules.COMPLAINT else "ZX"
    complaint.number = f"{prefix}{timezone.localtime(now):%Y%m%d}{complaint.pk:06d}"
    complaint.save(update_fields=["number"])
    _step(
        complaint,
        staff,
        "receive",
        "",
        data={"channel": channel, "kind": kind, "deadline": deadline.isoformat(), "days": days},
        at=now,
    )
    hints = [
        linked.pk if linked else None,
        case.department_id if case else None,
        item.department_id if item else None,
    ]
    route = rules.resolve(routing_rules(district), item.pk if item else None, category, hints)
    if route.department_id is not None:
        complaint.department_id, complaint.route, complaint.route_rule_id = (
            route.department_id,
            route.reason,
            route.rule_id,
        )
        complaint.status = rules.ASSIGNED
        complaint.save(update_fields=["department", "route", "route_rule", "status"])
        _step(
            complaint,
            None,
            "assign",
            rules.RECEIVED,
            data={"department": route.department_id, "by": route.reason},
            at=now,
        )
    return complaint


# --- acting on a complaint -------------------------------------------------------------------------------


def complaint_for(staff, pk: int, *, lock: bool = False) -> Complaint:
    rows = Complaint.objects.select_related("district", "department")
    if lock:
        rows = rows.select_for_update(of=("self",))
    complaint = rows.filter(pk=pk, district_id=staff.district_id).first() if staff.district_id else None
    if complaint is None or not access.may_view(staff, complaint):
        raise NotFound("complaint_not_found", _("No such complaint or consultation."))
    return complaint


def _begin(complaint, action: str, key: str, expected_revision) -> bool:
    """True when this key already did it (a replay); raises when the action is not allowed now."""
    if key and complaint.steps.filter(key=key).exists():
        return True
    if expected_revision is not None and expected_revision != complaint.revision:
        raise Conflict("stale", _("Someone else acted on this complaint meanwhile: look again."))
    if action not in rules.allowed(complaint.status):
        raise Conflict(
            "not_allowed_now",
            _("This is not allowed in the complaint's present state."),
            status=complaint.status,
        )
    return False


def complaint_assign(
    *, staff, complaint_id: int, department_id: int, note="", key="", expected_revision=None
):
    """A supervisor assigns (or reassigns) the complaint to a department of the district."""
    key, note = _check_key(key), _note(note)
    with transaction.atomic():
        complaint = complaint_for(staff, complaint_id, lock=True)
        access.access_act(staff, complaint, "assign")
        if _begin(complaint, "assign", key, expected_revision):
            return complaint
        department = Department.objects.filter(district_id=complaint.district_id, pk=department_id).first()
        if department is None:
            raise NotFound("department_not_found", _("No such department."), field="department")
        before = complaint.status
        complaint.department, complaint.route, complaint.route_rule = department, "supervisor", None
        complaint.status = rules.ASSIGNED
        complaint.revision += 1
        complaint.save()
        _step(
            complaint,
            staff,
            "assign",
            before,
            note=note,
            data={"department": department.pk, "by": "supervisor"},
            key=key,
        )
        return complaint


def reply_checks(complaint: Complaint, text: str, *, at=None) -> list[quality.Result]:
    """The automatic checks of `text` as a reply to `complaint`, now (shown before sending, too)."""
    templates = ReplyTemplate.objects.filter(
        district_id=complaint.district_id, active=True, kind__in=("", complaint.kind)
    ).values_list("text", flat=True)
    previous = (
        Reply.objects.filter(district_id=complaint.district_id, department_id=complaint.department_id)
        .exclude(complaint_id=complaint.pk)
        .order_by("-at")
        .values_list("text", flat=True)[:50]
    )
    return quality.check_reply(
        kind=complaint.kind,
        question=f"{complaint.subject}\n{complaint.text}",
        reply=text,
        templates=list(templates),
        previous=list(previous),
        deadline=complaint.deadline,
        at=at or clock.now(),
    )


def complaint_reply(*, staff, complaint_id: int, text: str, key="", expected_revision=None) -> Reply:
    """The department's reply. A hard automatic failure sends it straight back to the department (the
    reply is kept, with its checks, for the record and the scores); otherwise it waits for review."""
    key, text = _check_key(key), (text or "").strip()
    if len(text) > rules.REPLY_MAX:
        raise DomainError(
            "reply_too_long", _("The reply is too long (4,000 characters at most)."), field="text"
        )
    with transaction.atomic():
        complaint = complaint_for(staff, complaint_id, lock=True)
        access.access_act(staff, complaint, "reply")
        if _begin(complaint, "reply", key, expected_revision):
            return complaint.replies.order_by("-at", "-id").first()
        now = clock.now()
        results = reply_checks(complaint, text, at=now)
        failed = quality.hard_failures(results)
        reply = Reply.objects.create(
            district_id=complaint.district_id,
            complaint=complaint,
            department_id=complaint.department_id,
            author=staff,
            text=text,
            at=now,
            late=now > complaint.deadline,
            checks=[r.as_dict() for r in results],
            outcome=ReplyOutcome.RETURNED if failed else ReplyOutcome.PENDING,
        )
        complaint.status, complaint.revision = rules.REPLIED, complaint.revision + 1
        complaint.replied_at = now
        complaint.save()
        data = {"reply": reply.pk, "late": reply.late, "warnings": quality.warnings(results)}
        _step(complaint, staff, "reply", rules.ASSIGNED, data=data, key=key, at=now)
        if failed:
            _return(complaint, None, reasons=failed, note="", reply=reply, at=now)
        return reply


def _return(complaint, actor, *, reasons, note, reply, at=None, key=""):
    complaint.status, complaint.revision = rules.ASSIGNED, complaint.revision + 1
    complaint.replied_at = None
    complaint.returned_count += 1
    complaint.save()
    _step(
        complaint,
        actor,
        "return",
        rules.REPLIED,
        note=note,
        data={"reply": reply.pk, "reasons": reasons},
        key=key,
        at=at,
    )


def complaint_review(
    *, staff, complaint_id: int, score, reasons=(), note="", key="", expected_revision=None
) -> Reply:
    """The supervisor's score (1–5) of the pending reply, with reasons. 3 or more passes (reviewed);
    less sends it back to the department with the reasons, which a failing score must give."""
    key, note, reasons = _check_key(key), _note(note), list(dict.fromkeys(reasons or []))
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise DomainError("bad_score", _("Score the reply from 1 to 5."), field="score")
    if any(r not in REVIEW_REASONS for r in reasons):
        raise DomainError("bad_reason", _("A reason is not one of the list."), field="reasons")
    passed = score >= PASS_SCORE
    if not passed and not reasons and not note:
        raise DomainError("reasons_required", _("Say why the reply fails."), field="reasons")
    with transaction.atomic():
        complaint = complaint_for(staff, complaint_id, lock=True)
        access.access_act(staff, complaint, "review")
        if _begin(complaint, "review", key, expected_revision):
            return complaint.replies.order_by("-at", "-id").first()
        reply = complaint.replies.filter(outcome=ReplyOutcome.PENDING).order_by("-at", "-id").first()
        if reply.author_id == staff.pk:
            raise Forbidden("own_reply", _("A reply is reviewed by someone other than its author."))
        now = clock.now()
        reply.score, reply.reasons, reply.review_note = score, reasons, note
        reply.reviewed_by, reply.reviewed_at = staff, now
        reply.outcome = ReplyOutcome.PASSED if passed else ReplyOutcome.FAILED
        reply.save()
        data = {"reply": reply.pk, "score": score, "reasons": reasons}
        if passed:
            complaint.status, complaint.reviewed_at = rules.REVIEWED, now
            complaint.revision += 1
            complaint.save()
            _step(complaint, staff, "review", rules.REPLIED, note=note, data=data, key=key, at=now)
        else:
            _return(complaint, staff, reasons=reasons, note=note, reply=reply, at=now, key=key)
        return reply


def _by_filer(complaint, person) -> bool:
    return person is not None and complaint.person_id == person.pk


def complaint_close(*, complaint_id: int, staff=None, person=None, note="", key="") -> Complaint:
    """Closed by the filer accepting the reply, or by a supervisor (after the callback)."""
    key, note = _check_key(key), _note(note)
    with transaction.atomic():
        complaint = _for_actor(complaint_id, staff, person)
        if _begin(complaint, "close", key, None):
            return complaint
        complaint.status, complaint.closed_at = rules.CLOSED, clock.now()
        complaint.revision += 1
        complaint.save()
        _step(
            complaint,
            staff,
            "close",
            rules.REVIEWED,
            note=note,
            data={"by": "staff" if staff else "filer"},
            key=key,
            label="filer",
        )
        return complaint


def complaint_reopen(*, complaint_id: int, staff=None, person=None, note="", key="") -> Complaint:
    """Reopened by the filer or a supervisor within REOPEN_DAYS of the review: back to the department with a
    new limit counted from now."""
    key = _check_key(key)
    note = _note(note, required=_("Say why it is reopened."))
    with transaction.atomic():
        complaint = _for_actor(complaint_id, staff, person)
        if _begin(complaint, "reopen", key, None):
            return complaint
        now = clock.now()
        if complaint.reviewed_at is None or now > rules.may_reopen_until(complaint.reviewed_at):
            raise Conflict("reopen_window_over", _("It can be reopened only within 30 days of the review."))
        before = complaint.status
        deadline, escalation_due = rules.deadlines(
            calendar_for(complaint.district), now, complaint.limit_days
        )
        complaint.status = rules.ASSIGNED if complaint.department_id else rules.RECEIVED
        complaint.clock_from, complaint.deadline, complaint.escalation_due = now, deadline, escalation_due
        complaint.escalated_at = complaint.replied_at = complaint.reviewed_at = complaint.closed_at = None
        complaint.reopened_count += 1
        complaint.revision += 1
        complaint.save()
        _step(
            complaint,
            staff,
            "reopen",
            before,
            note=note,
            data={"by": "staff" if staff else "filer", "deadline": deadline.isoformat()},
            key=key,
            at=now,
            label="filer",
        )
        return complaint


def _for_actor(complaint_id, staff, person) -> Complaint:
    if staff is not None:
        complaint = complaint_for(staff, complaint_id, lock=True)
        access.access_act(staff, complaint, "close")
        return complaint
    complaint = (
        Complaint.objects.select_related("district")
        .select_for_update(of=("self",))
        .filter(pk=complaint_id)
        .first()
    )
    if complaint is None or not _by_filer(complaint, person):
        raise NotFound("complaint_not_found", _("No such complaint or consultation."))
    return complaint


# --- the filer's details ---------------------------------------------------------------------------------


@transaction.atomic
def filer_full_view(*, staff, complaint: Complaint, purpose: str, channel: str = "page") -> Complaint:
    """The filer's unmasked name and phone, for calling back: logged as a full view of personal data."""
    purpose = (purpose or "").strip()
    if not purpose or len(purpose) > 200:
        raise DomainError("purpose_required", _("Say why you need the full details; it is recorded."))
    if not (access.is_supervisor(staff) or access.serves_department(staff, complaint.department_id)):
        raise Forbidden("role_required", _("Only the department handling it or a supervisor see the filer."))
    DataAccess.objects.create(
        district_id=complaint.district_id,
        kind=AccessKind.FULL_VIEW,
        staff=staff,
        department_id=complaint.department_id,
        person_id=complaint.person_id,
        purpose=f"{complaint.number}: {purpose}"[:200],
        channel=channel[:20],
    )
    audit(
        district=complaint.district,
        actor=staff,
        action="complaint.filer_viewed",
        obj=complaint,
        reason=purpose,
    )
    return complaint
