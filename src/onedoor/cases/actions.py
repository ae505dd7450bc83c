"""Officers' actions on a case (承办、审核、批准、办结、补正、特别程序、延期、撤回、撤销 …), all through
`case_act`: it locks the case row, checks the workflow table and the officer's role for the case's
department, applies the action's own rules, and appends the trail — in one transaction. Two officers acting at
once: the second finds the case changed and gets a conflict. The case row is saved last, with its stored API
answer (`shown.py`) rebuilt after everything the action wrote."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.cases import deadlines, ledger_events, selectors, shown, trail, workflow
from onedoor.cases.certificates import certificate_issue, certificate_revoke
from onedoor.cases.decisions import DEVIATION, judge, mandatory_ids
from onedoor.cases.materials import refuse_unknown_criteria, refuse_unknown_materials
from onedoor.cases.models import (
    HELD_MATERIALS,
    Case,
    CaseMaterial,
    ClockStop,
    IdempotencyKey,
    MaterialStatus,
    Procedure,
    StageResult,
)
from onedoor.cases.originals import settle_originals
from onedoor.cases.services import request_digest
from onedoor.cases.trail import trail_append
from onedoor.catalog import selectors as catalog_selectors
from onedoor.core import clock, config_cache, writebehind
from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import DEPARTMENT_ROLES, Department, Role, Staff
from onedoor.districts.selectors import access_staff_district, staff_centre
from onedoor.integrations import outbox
from onedoor.people.credit import credit_record_add

STAGE_ACTIONS = {"undertake", "review", "approve", "complete", "deliver", "other"}


def roles_on(staff: Staff, case: Case) -> set[str]:
    """The caller's roles that count for this case: departmental roles only for its department."""
    return roles_in(staff, case.department_id)


def roles_in(staff: Staff, department_id: int) -> set[str]:
    """The caller's roles that count for a case of this department."""
    staff.role_set()
    return {
        role
        for role, role_department_id in staff._role_cache
        if role not in DEPARTMENT_ROLES or role_department_id == department_id
    }


def case_act(
    *,
    staff: Staff,
    number: str,
    action: str,
    opinion: str = "",
    criteria: dict | None = None,
    reason: str = "",
    basis: str = "",
    days: int = 0,
    materials: list[str] | None = None,
    second_approver: str = "",
    procedure: str = "",
    expected_revision: int | None = None,
    idempotency_key: str | None = None,
    originals: list[str] | None = None,
) -> Case:
    """One staff member's action. With an idempotency key, the same request sent again does not act twice:
    it returns the case as it is; the key with another request is a 409."""
    district = access_staff_district(staff)
    return _act(
        district=district,
        number=number,
        staff=staff,
        key=idempotency_key,
        roles_for=lambda case: roles_on(staff, case),
        action=action,
        opinion=opinion,
        criteria=criteria,
        reason=reason,
        basis=basis,
        days=days,
        materials=materials,
        second_approver=second_approver,
        procedure=procedure,
        expected_revision=expected_revision,
        originals=originals,
    )


def case_act_as_system(*, district, number: str, action: str, reason: str) -> Case:
    """An action the system takes by itself (the deadline sweep): role `system`, no staff member, the same
    table, rules and trail as an officer's action."""
    return _act(
        district=district,
        number=number,
        staff=None,
        roles_for=lambda case: {workflow.SYSTEM},
        action=action,
        reason=reason,
    )


@dataclass(frozen=True)
class SystemActor:
    """A department's own back-end system acting on a case through a signed callback: no staff account; its
    label (`system:<code>`) is what the trail, stage results and audit records show."""

    district_id: int
    code: str
    pk: None = None
    centre: None = None

    @property
    def username(self) -> str:
        return f"system:{self.code}"


def case_act_as_backend(
    *, district, number: str, code: str, stages: list[str], action: str, **fields
) -> Case:
    """An action reported by the back-end `code` for the stages it decides (`stages`, from its route): the same
    table and rules as an officer's, with the role `backend`; refused for a stage it does not decide."""
    actor = SystemActor(district_id=district.pk, code=code)

    def roles_for(case):
        deciding = case.status in stages or (
            case.status in workflow.CLOCK_STOPPED and case.resume_to in stages
        )
        return {workflow.BACKEND} if deciding else set()

    return _act(district=district, number=number, staff=actor, roles_for=roles_for, action=action, **fields)


def _act(
    *,
    district,
    number: str,
    staff: Staff | None,
    roles_for,
    action: str,
    opinion: str = "",
    criteria: dict | None = None,
    reason: str = "",
    basis: str = "",
    days: int = 0,
    materials: list[str] | None = None,
    second_approver: str = "",
    procedure: str = "",
    expected_revision: int | None = None,
    key: str | None = None,
    originals: list[str] | None = None,
) -> Case:
    with transaction.atomic(), writebehind.deferred():
        case = selectors.case_for_change(district, number)
        if case is None:
            raise NotFound("case_not_found", _("No case with this number in this district."))
        if key is not None:
            # The case row is locked: a twin of this request waits here until this one has committed its key.
            request_hash = request_digest(
                [
                    number,
                    action,
                    opinion,
                    criteria,
                    reason,
                    basis,
                    days,
                    materials,
                    second_approver,
                    procedure,
                    originals or [],
                ]
            )
            if _already_done(case, staff, key, request_hash):
                return case
        if expected_revision is not None and case.revision != expected_revision:
            raise Conflict("case_changed", _("Someone else changed this case; reload it and try again."))
        stored = _stored_values(case)
        # configuration read once per change of it, not once per action
        snapshot = config_cache.Snapshot(case.config_generation)
        _attach_configuration(case, district, snapshot)
        roles = roles_for(case)
        before = case.status
        waiting = case.pending_decision.get("decision", "")  # a deviating decision awaiting confirmation
        try:
            after = workflow.apply(
                status=case.status,
                action=action,
                stages=[c for c, _s in case.stages],
                resume_to=case.resume_to,
                roles=roles,
                pending=waiting,
            )
        except workflow.NotAllowed as exc:
            if exc.code == "role_not_allowed":
                raise Forbidden(
                    "role_not_allowed", _("Your role does not allow this action on this case.")
                ) from None
            if exc.code == "unknown_action":
                raise DomainError("unknown_action", _("Unknown action."), action=action) from None
            raise Conflict(
                "not_allowed_now",
                _("This action is not allowed while the case is %(status)s.")
                % {"status": case.get_status_display()},
                status=case.status,
            ) from None
        role = _acting_role(action, roles, case.status)
        handler = _HANDLERS.get(action, _stage)
        parts = _stored_parts(case)  # the stored answer's materials and certificate, before the handler
        held = _held_codes(case, parts) if action in FINDING_ACTIONS else set()
        if action in FINDING_ACTIONS:
            _check_findings(case, criteria or {}, held)
        reason = (
            handler(
                case=case,
                staff=staff,
                role=role,
                after=after,
                opinion=opinion,
                criteria=criteria or {},
                reason=reason,
                basis=basis,
                days=days,
                materials=materials or [],
                second_approver=second_approver,
                procedure=procedure,
                held=held,
                originals=originals or [],
            )
            or reason
        )
        if before in workflow.CLOCK_STOPPED and after in workflow.OUTCOMES:
            _end_stops(case)  # withdrawn or stopped while the clock stood: the stop ends with the case
        if action in DECISIONS and case.pending_decision:  # a deviation waits for its second approver
            after = workflow.CONFIRM
        elif after != workflow.CONFIRM:  # confirmed, overruled, or the case ended otherwise (withdrawn …)
            case.pending_decision = {}
        case.status = after
        case.revision += 1
        if after in workflow.OUTCOMES and not case.closed_at:
            case.closed_at = clock.now()
        case.stage_deadline = stage_deadline(case, calendar_for(district, snapshot))
        trail_append(
            case=case,
            actor=staff,
            role=role,
            action=action,
            from_status=before,
            to_status=after,
            reason=reason or opinion,
            centre=staff_centre(staff, snapshot),
            payload=_trail_payload(
                criteria, days, materials, opinion, reason, basis, second_approver, procedure, originals
            ),
            after=trail.Head(case.trail_seq, case.trail_hash) if case.trail_seq else None,
            snapshot=snapshot,
        )
        if action in ledger_events.REVIEW_KINDS:
            ledger_events.case_reviewed(case, action, reason or opinion)
        # 办结 issues the result, also where a 送达 stage follows it (the result is what gets delivered); a
        # process without a 办结 stage issues it when the case completes
        issues = action == "complete" or (before != "completed" and after == "completed")
        if issues and not _has_certificate(case, parts):
            issued = certificate_issue(case=case, actor=staff, snapshot=snapshot)
            if parts is not None:
                parts["certificate_id"] = issued.public_id
        if (
            action in outbox.ACTION_EVENTS and after != workflow.CONFIRM
        ):  # a pending decision is no decision yet
            details = {"action": action, "reason": reason or opinion, "materials": materials or []}
            if action == "confirm":
                details["decision"] = waiting
            outbox.emit(case, outbox.ACTION_EVENTS[action], details, snapshot)
        # Last: the stored answer (shown.py) sees the materials and certificate this action wrote.
        if parts is None or action in MATERIAL_ACTIONS:
            parts = selectors.case_parts(case.pk)
        case.shown = shown.text_of(case, **parts)
        # only what the action changed, with the change's other rows (the row is this transaction's)
        writebehind.update(case, [name for name, value in stored.items() if getattr(case, name) != value])
        if key is not None:
            writebehind.insert(
                IdempotencyKey(
                    district_id=district.pk, staff=staff, key=key, request_hash=request_hash, case=case
                )
            )
        return case


def case_facts(case, now=None) -> workflow.CaseFacts:
    """The facts that decide which allowed actions can succeed on this case (workflow.CaseFacts)."""
    now = now or clock.now()
    awaited = case.materials.filter(status=MaterialStatus.LATER).exists()
    return workflow.CaseFacts(
        awaited=awaited,
        gaps_overdue=awaited and case.gaps_deadline is not None and case.gaps_deadline < now,
        post_review_open=case.mode == "trust_first" and case.post_review_done_at is None,
        extension_left=max(0, case.legal_days - case.promised_days - case.extension_days),
    )


def _already_done(case, staff, key: str, request_hash: str) -> bool:
    """True when this very request was done before (a retry); a key used for anything else is a conflict."""
    used = IdempotencyKey.objects.filter(staff=staff, key=key).values_list("request_hash", "case_id").first()
    if used is None:
        return False
    if used != (request_hash, case.pk):
        raise Conflict("idempotency_key_reused", _("This Idempotency-Key was used for a different request."))
    return True


_CASE_FIELDS = [f.attname for f in Case._meta.concrete_fields if not f.primary_key]


def _stored_values(case) -> dict:
    """{field: value} of the case as read, to write back only what an action changed (the JSON ones copied,
    since a handler may change them in place)."""
    values = {}
    for name in _CASE_FIELDS:
        value = getattr(case, name)
        values[name] = json.loads(json.dumps(value)) if isinstance(value, list | dict) else value
    return values


def _trail_payload(
    criteria, days, materials, opinion, reason, basis, second_approver, procedure, originals=None
) -> dict:
    """What the trail entry's hash covers: the findings and, when given, the officer's words (opinion, reason,
    legal basis), the second approver named and the originals checked, so none of them can change unseen."""
    payload = {"criteria": criteria or {}, "days": days, "materials": materials or []}
    if originals:
        payload["originals"] = sorted(originals)
    words = {
        "opinion": opinion,
        "reason": reason,
        "basis": basis,
        "second_approver": second_approver,
        "procedure": procedure,
    }
    payload.update((key, value) for key, value in words.items() if value)
    return payload


MATERIAL_ACTIONS = {"supply_gap"}  # the actions that change a case's material lines
# The stages and decisions that judge the materials: each records met / not met for every criterion.
FINDING_ACTIONS = {"undertake", "review", "approve", "reject", "other"}


def _held_codes(case, parts) -> set[str]:
    """Codes of the materials the case holds, from its stored answer (the tables for a case stored before it)."""
    if parts is None:
        return set(
            CaseMaterial.objects.filter(case=case, status__in=HELD_MATERIALS).values_list("code", flat=True)
        )
    return {m["code"] for m in parts["materials"] if m["status"] in HELD_MATERIALS}


def _check_findings(case, criteria: dict, held: set[str]) -> None:
    """Every criterion of every material the case holds must be judged met or not (the standardized form, so
    that "找谁都一样"); an id the item does not have is refused too, rather than recorded."""
    materials = list(case.version.materials.all())
    known = {c["id"] for m in materials for c in m.criteria or []}
    refuse_unknown_criteria(sorted(set(criteria) - known))
    missing = [
        c["id"] for m in materials if m.code in held for c in m.criteria or [] if c["id"] not in criteria
    ]
    if missing:
        raise DomainError(
            "findings_incomplete",
            _("Judge every criterion of the materials held, met or not; not judged: %(ids)s.")
            % {"ids": "、".join(missing)},
            criteria=missing,
        )


def _stored_parts(case) -> dict | None:
    """{"materials", "certificate_id"} as the case's stored answer lists them; None for a case stored before
    its answer was (selectors.case_parts reads them from the tables)."""
    if not case.shown:
        return None
    stored = json.loads(case.shown)
    return {"materials": stored["materials"], "certificate_id": stored["certificate_id"]}


def _has_certificate(case, parts) -> bool:
    if parts is None:
        return case.certificates.exists()
    return parts["certificate_id"] is not None


def _attach_configuration(case, district, snapshot) -> None:
    """The case's district, item version, item and department, which every action reads (the trail, messages,
    deadlines, certificates), from the configuration cache instead of a query each."""
    case.district = district
    case.version = snapshot.get(
        ("version", district.pk, case.version_id),
        lambda: catalog_selectors.version_of(district, case.version_id),
    )
    case.item = case.version.item
    case.department = snapshot.get(
        ("department", district.pk, case.department_id),
        lambda: Department.objects.get(district=district, pk=case.department_id),
    )


def _officer(actor):
    return actor if getattr(actor, "pk", None) else None


# The role a stage belongs to: an officer holding several acts in this one while the case is in that stage.
STAGE_ROLE = {"undertake": Role.UNDERTAKER, "review": Role.REVIEWER, "approve": Role.APPROVER}


def _acting_role(action: str, roles: set[str], status: str = "") -> str:
    allowed = workflow.transition_for(action).roles & roles
    if STAGE_ROLE.get(status) in allowed:
        return STAGE_ROLE[status]
    for preferred in (
        Role.APPROVER,
        Role.REVIEWER,
        Role.UNDERTAKER,
        Role.WINDOW_GENERALIST,
        workflow.BACKEND,
        workflow.SYSTEM,
    ):
        if preferred in allowed:
            return preferred
    return sorted(allowed)[0]


def _stage_result(**fields) -> None:
    writebehind.insert(StageResult(**fields))


def _stage(*, case, staff, role, after, opinion, criteria, **_ignored):
    _stage_result(
        case=case,
        stage=case.status,
        officer=_officer(staff),
        officer_label=staff.username,
        role=role,
        at=clock.now(),
        opinion=opinion,
        criteria=criteria,
        decision="pass",
    )


def _approve(*, case, staff, role, opinion, criteria, reason, second_approver, held, **_ignored):
    return _decide(case, staff, role, "approve", opinion, criteria, reason, second_approver, held)


def _reject(*, case, staff, role, opinion, criteria, reason, basis, second_approver, held, **_ignored):
    if not reason.strip() or not basis.strip():
        raise DomainError("reason_and_basis_required", _("A rejection needs a reason and its legal basis."))
    case.outcome_reason, case.outcome_basis = reason, basis
    return _decide(case, staff, role, "reject", opinion, criteria, reason, second_approver, held)


def _decide(case, staff, role, decision, opinion, criteria, reason, second_approver, held):
    materials = [m for m in case.version.materials.all() if m.code in held]
    verdict = judge(decision, criteria, mandatory_ids(materials))
    second = None
    if verdict == DEVIATION:
        if not reason.strip():
            raise DomainError(
                "deviation_needs_reason",
                _("This decision differs from what the criteria imply: give a written reason."),
            )
        second = Staff.objects.filter(district_id=case.district_id, username=second_approver).first()
        if (
            second is None
            or second.pk == staff.pk
            or not ({Role.APPROVER, Role.CHIEF_REPRESENTATIVE} & roles_on(second, case))
        ):
            raise DomainError(
                "second_approver_required",
                _("This decision differs from what the criteria imply: a second approver must confirm it."),
            )
    _stage_result(
        case=case,
        stage=case.status,
        officer=_officer(staff),
        officer_label=staff.username,
        role=role,
        at=clock.now(),
        opinion=opinion,
        criteria=criteria,
        decision=decision,
        deviation_reason=reason if verdict == DEVIATION else "",
        second_approver=second,
    )
    if second is not None:
        case.pending_decision = {
            "decision": decision,
            "by": staff.username,
            "second": second.pk,
            "second_name": second.username,
            "reason": reason,
        }
    return reason


def _second_approver_only(case, staff) -> dict:
    pending = case.pending_decision
    if getattr(staff, "pk", None) != pending.get("second"):
        named = Staff.objects.filter(pk=pending.get("second")).values_list("display_name", flat=True).first()
        raise Forbidden(
            "not_the_second_approver",
            _("Only %(name)s, whom the deciding approver named, may confirm or overrule this decision.")
            % {"name": named or pending.get("second_name", "")},
            second_approver=pending.get("second_name", ""),
        )
    return pending


def _second_approvers_result(case, staff, role, opinion: str, decision: str) -> None:
    """The second approver's word on the pending decision, a result of the approval stage."""
    _stage_result(
        case=case,
        stage="approve",
        officer=_officer(staff),
        officer_label=staff.username,
        role=role,
        at=clock.now(),
        opinion=opinion,
        criteria={},
        decision=decision,
    )


def _confirm(*, case, staff, role, opinion, **_ignored):
    """二次审批: the named second approver confirms; the decision takes effect (the table's PENDING target)."""
    pending = _second_approver_only(case, staff)
    _second_approvers_result(case, staff, role, opinion, "confirm")
    case.pending_decision = {}
    decided = "准予" if pending["decision"] == "approve" else "不予许可"
    return f"二次审批确认 {pending['by']} 的{decided}决定：{pending['reason']}"


def _overrule(*, case, staff, role, reason, **_ignored):
    """The named second approver does not confirm: the decision lapses and the case returns to approval."""
    _second_approver_only(case, staff)
    if not reason.strip():
        raise DomainError("reason_required", _("Say why the decision is not confirmed."))
    _second_approvers_result(case, staff, role, reason, "overrule")
    case.pending_decision, case.outcome_reason, case.outcome_basis = {}, "", ""


def _stop_clock(*, case, staff, reason, materials, after, procedure="", **_ignored):
    if not reason.strip():
        raise DomainError("reason_required", _("Say why the clock stops."))
    kind = "correction" if after == "correction" else "suspension"
    if kind == "suspension" and procedure not in Procedure.values:
        raise DomainError(
            "procedure_required",
            _(
                "Only a special procedure stops the clock: a hearing, a tender or auction, inspection, testing or "
                "quarantine, an appraisal, or an expert review. Say which."
            ),
            procedure=procedure,
        )
    if kind == "correction" and not materials:
        raise DomainError(
            "missing_list_required", _("A correction notice lists everything missing, at once.")
        )
    refuse_unknown_materials(sorted(set(materials) - {m.code for m in case.version.materials.all()}))
    if kind == "correction":
        _one_notice(case, materials)
    writebehind.insert(
        ClockStop(
            case=case,
            kind=kind,
            procedure=procedure if kind == "suspension" else "",
            reason=reason,
            started_at=clock.now(),
            missing=materials,
        )
    )
    case.resume_to, case.clock_stopped_at = case.status, clock.now()


def _one_notice(case, materials) -> None:
    """一次性告知: the first correction notice lists everything missing. A later one may name again only what an
    earlier notice named (it came back still not right), never something new that the first should have had."""
    named = set()
    for missing in ClockStop.objects.filter(case=case, kind="correction").values_list("missing", flat=True):
        named.update(missing or [])
    new = sorted(set(materials) - named) if named else []
    if new:
        raise DomainError(
            "correction_not_once",
            _(
                "The first correction notice had to list everything missing at once; a later one may only name "
                "again what it named. Not in an earlier notice: %(codes)s."
            )
            % {"codes": "、".join(new)},
            codes=new,
        )


def recompute_deadline(case, now=None) -> None:
    """The deadline from acceptance, promised days, every clock stop and extensions (docs/time-limits.md)."""
    now = now or clock.now()
    stops = [deadlines.ClockStop(s.started_at, s.ended_at) for s in case.clock_stops.all()]
    case.deadline = deadlines.case_deadline(
        calendar_for(case.district), case.accepted_at, case.promised_days, stops, case.extension_days, now=now
    )


def _restart_clock(*, case, **_ignored):
    _end_stops(case)


def _end_stops(case) -> None:
    now = clock.now()
    case.clock_stops.filter(ended_at__isnull=True).update(ended_at=now)
    case.resume_to, case.clock_stopped_at = "", None
    recompute_deadline(case, now)


def _extend(*, case, days, reason, **_ignored):
    if days <= 0 or not reason.strip():
        raise DomainError("bad_extension", _("An extension needs a number of working days and a reason."))
    if case.promised_days + case.extension_days + days > case.legal_days:
        raise DomainError(
            "beyond_legal_limit",
            _("An extension may not go beyond the item's legal time limit."),
            legal_days=case.legal_days,
        )
    case.extension_days += days
    case.deadline = calendar_for(case.district).add_working_days(case.deadline, days)


def _withdraw(*, case, reason, **_ignored):
    case.outcome_reason = reason or str(_("Withdrawn at the applicant's request."))


def _supply_gap(*, case, staff, role, materials, criteria, originals, **_ignored):
    """容缺补齐: the awaited materials arrive and are checked against their criteria as at acceptance (every
    mandatory one met, or the material is not taken). The window's generalist names the ones whose original
    they held in hand (`originals`); such an original, with every criterion met, becomes a level-B record of the
    holder, as at acceptance (cases/originals.py). Only a window generalist can say an original was checked."""
    if originals and not staff.has_role(Role.WINDOW_GENERALIST):
        raise Forbidden(
            "originals_at_the_window",
            _("Only the window's generalist checks originals against the applicant."),
        )
    if set(originals) - set(materials):
        raise DomainError(
            "original_not_supplied",
            _("An original can be checked only for a material supplied now: %(codes)s.")
            % {"codes": "、".join(sorted(set(originals) - set(materials)))},
        )
    later = {
        line.code: line
        for line in CaseMaterial.objects.filter(case=case, status=MaterialStatus.LATER, code__in=materials)
    }
    if not materials or len(later) != len(set(materials)):
        raise DomainError(
            "not_awaited", _("Only materials accepted as 'supplied later' can be supplied here.")
        )
    by_code = {m.code: m for m in case.version.materials.all() if m.code in later}
    known = {c["id"] for m in by_code.values() for c in m.criteria or []}
    refuse_unknown_criteria(sorted(set(criteria) - known))
    found = {
        code: {c["id"]: bool(criteria.get(c["id"])) for c in m.criteria or []} for code, m in by_code.items()
    }
    unmet = [
        c["id"]
        for code, m in by_code.items()
        for c in m.criteria or []
        if c.get("mandatory", True) and not found[code][c["id"]]
    ]
    if unmet:
        raise DomainError(
            "criterion_not_met",
            _("A material supplied later must meet its mandatory criteria like any other; not met: %(ids)s.")
            % {"ids": "、".join(unmet)},
            criteria=unmet,
        )
    now = clock.now()
    for code, line in later.items():
        line.status, line.supplied_at, line.criteria = MaterialStatus.SUPPLIED, now, found[code]
        line.checked_original = code in originals and by_code[code].form == "original"
        writebehind.update(line, ["status", "supplied_at", "criteria", "checked_original"])
    settle_originals(
        case, [(by_code[code], line.criteria, line.checked_original) for code, line in later.items()], staff
    )
    awaited = CaseMaterial.objects.filter(case=case, status=MaterialStatus.LATER).exists()
    if not awaited and case.gaps_deadline is not None and now <= case.gaps_deadline:
        credit_record_add(  # on-time supply (a good record): once, when the last awaited material arrives
            district=case.district,
            person=case.person,
            enterprise=case.enterprise,
            kind="good",
            reason_code="gaps_supplied_on_time",
            reason=str(_("Materials accepted with gaps arrived before their deadline.")),
            source_ref=case.number,
            actor=staff,
        )


def _stop_for_gaps(*, case, staff, reason, **_ignored):
    awaited = CaseMaterial.objects.filter(case=case, status=MaterialStatus.LATER).exists()
    if not awaited or case.gaps_deadline is None or case.gaps_deadline > clock.now():
        raise DomainError(
            "gaps_not_overdue",
            _("Only a case whose later materials are still missing after their deadline can be stopped."),
        )
    case.outcome_reason = reason or str(
        _("The materials to be supplied later did not arrive by their deadline.")
    )
    _bad_credit(case, staff, "gaps_missed", case.outcome_reason, false_promise=False)


def _post_review_pass(*, case, staff, **_ignored):
    if case.mode != "trust_first" or case.post_review_done_at:
        raise DomainError("no_post_review", _("This case has no open post-review."))
    case.post_review_done_at = clock.now()
    credit_record_add(
        district=case.district,
        person=case.person,
        enterprise=case.enterprise,
        kind="good",
        reason_code="commitment_kept",
        reason=str(_("Trust-first commitment confirmed.")),
        source_ref=case.number,
        actor=staff,
    )


def _revoke(*, case, staff, reason, basis, **_ignored):
    """A failed post-review (告知承诺核查不通过): the trust-first result is revoked and the applicant's false
    promise is recorded. Only while the post-review is open: a result confirmed by it stands."""
    if case.mode != "trust_first" or case.post_review_done_at:
        raise DomainError(
            "no_post_review",
            _(
                "Only a trust-first result whose post-review is still open can be revoked here, when the "
                "post-review fails."
            ),
        )
    if not reason.strip():
        raise DomainError("reason_required", _("A revocation needs its reasons."))
    case.outcome_reason, case.outcome_basis = reason, basis
    case.post_review_done_at = clock.now()
    for certificate in case.certificates.filter(revoked_at__isnull=True):
        certificate_revoke(certificate=certificate, reason=reason, actor=staff)
    _bad_credit(case, staff, "result_revoked", reason, false_promise=True)


def _bad_credit(case, staff, code, reason, *, false_promise):
    credit_record_add(
        district=case.district,
        person=case.person,
        enterprise=case.enterprise,
        kind="bad",
        reason_code=code,
        reason=reason,
        source_ref=case.number,
        false_promise=false_promise,
        actor=staff,
    )


def stage_deadline(case, calendar):
    """The deadline of the stage the case is in (or resumes to after a clock stop), from the stage's share of
    the limit and the clock stops counted in the case deadline (the closed ones); None once it has an
    outcome. The stops are read only when they moved the case deadline."""
    stage = case.resume_to if case.status in workflow.CLOCK_STOPPED else case.status
    stage = "approve" if stage == workflow.CONFIRM else stage
    if stage not in workflow.STAGES or case.deadline is None:
        return None
    stops = []
    plain = deadlines.case_deadline(calendar, case.accepted_at, case.promised_days, [], case.extension_days)
    if plain != case.deadline:
        stops = [
            deadlines.ClockStop(s.started_at, s.ended_at)
            for s in case.clock_stops.all()
            if s.ended_at is not None
        ]
    return deadlines.current_stage_deadline(
        calendar, case.accepted_at, case.promised_days, case.stages, stage, stops, case.extension_days
    )


DECISIONS = {"approve", "reject"}
_HANDLERS = {
    "approve": _approve,
    "reject": _reject,
    "confirm": _confirm,
    "overrule": _overrule,
    "request_correction": _stop_clock,
    "suspend": _stop_clock,
    "supply": _restart_clock,
    "resume": _restart_clock,
    "extend": _extend,
    "withdraw": _withdraw,
    "supply_gap": _supply_gap,
    "stop_for_gaps": _stop_for_gaps,
    "post_review_pass": _post_review_pass,
    "revoke": _revoke,
}
