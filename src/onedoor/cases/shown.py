"""The case as the API shows it, kept with the case (`Case.shown`): the read model of GET /cases/{number}.

An answer has two parts. What every caller sees alike (number, status, item, department, mode, the masked
applicant, dates, revision, the materials and which settled record waived each, the newest certificate) is
JSON text written by the services in the same transaction as each change of the case: acceptance
(services.py) and every action (actions.py), the only two writers of a case. What depends on the caller (the
status label in their language, the actions their roles allow now) is added when the case is read. Reading
one case is then one row by (district, number): no joins, no model instances, no encoding of the stored part.

A case written before this text existed has an empty `shown`; its read builds the same text from the tables
(`selectors.stored_answer`), and `onedoor cases fill-shown` (shown_fill.py) stores it for good."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder

from onedoor.cases import workflow
from onedoor.cases.models import Status
from onedoor.core import clock
from onedoor.people.masking import mask_number

MATERIAL_KEYS = ("code", "name", "status", "record_id", "waived_reason")
_LABELS = dict(Status.choices)


def utc(value: datetime | None) -> datetime | None:
    """One spelling for an instant whatever zone the service computed it in (a frozen demo clock is local)."""
    return value.astimezone(UTC) if value is not None else None


def material(row) -> dict:
    """A material line (a CaseMaterial, a planned line or a dict with MATERIAL_KEYS) as the answer lists it."""
    if isinstance(row, dict):
        return {key: row[key] for key in MATERIAL_KEYS}
    return {key: getattr(row, key) for key in MATERIAL_KEYS}


def summary(case, *, item_code: str, item_name: str, department_code: str) -> dict:
    """What a case list row and the stored answer share, but for the status label: the case's own columns and
    the names from related rows."""
    return {
        "number": case.number,
        "status": case.status,
        "item_code": item_code,
        "item_name": item_name,
        "department": department_code,
        "mode": case.mode,
        "instant": case.instant,
        "applicant": mask_number(case.applicant_number),
        "accepted_at": utc(case.accepted_at),
        "deadline": utc(case.deadline),
        "closed_at": utc(case.closed_at),
        "revision": case.revision,
    }


def _pending(pending: dict) -> dict | None:
    """A decision waiting for its second approver, as callers see it (the staff by username)."""
    if not pending:
        return None
    return {
        "decision": pending["decision"],
        "decided_by": pending["by"],
        "second_approver": pending["second_name"],
        "reason": pending["reason"],
    }


def text(case, *, item_code: str, item_name: str, department_code: str, materials, certificate_id) -> str:
    """The stored part of the answer for `case` (its own columns), given the names from related rows, the
    materials in the order they were written (dicts of MATERIAL_KEYS) and the newest certificate's id."""
    materials = [material(m) for m in materials]
    parts = {
        **summary(case, item_code=item_code, item_name=item_name, department_code=department_code),
        "stage_deadline": utc(case.stage_deadline),
        "pending_decision": _pending(case.pending_decision),
        "gaps_deadline": utc(case.gaps_deadline),
        "post_review_deadline": utc(case.post_review_deadline),
        "post_review_done_at": utc(case.post_review_done_at),
        "extension_days_left": max(0, case.legal_days - case.promised_days - case.extension_days),
        "waived_materials": [m for m in materials if m["status"] == "waived"],
        "materials": materials,
        "certificate_id": str(certificate_id) if certificate_id else None,
    }
    return json.dumps(parts, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def text_of(case, *, materials, certificate_id) -> str:
    """`text` for a case whose item, version and department are attached (as the services hold it)."""
    return text(
        case,
        item_code=case.item.code,
        item_name=case.version.name,
        department_code=case.department.code,
        materials=materials,
        certificate_id=certificate_id,
    )


def answer(stored: str, *, status: str, roles, caller: str = "") -> bytes:
    """The whole answer (CaseOut): the caller's status label and allowed actions, then the stored part. While a
    decision waits for its second approver, only that approver (`caller`, a username) is offered to confirm or
    overrule it."""
    label = json.dumps(str(_LABELS.get(status, status)), ensure_ascii=False)
    allowed = workflow.allowed_actions(status, roles) if roles else []
    if set(allowed) & workflow.FACT_ACTIONS.keys():  # read the stored part only when it decides
        facts = facts_of(json.loads(stored))
        allowed = [a for a in allowed if workflow.FACT_ACTIONS.get(a, lambda f: True)(facts)]
    if status == workflow.CONFIRM and allowed:
        second = (json.loads(stored).get("pending_decision") or {}).get("second_approver")
        if caller != second:
            allowed = [a for a in allowed if a not in ("confirm", "overrule")]
    actions = json.dumps(allowed)
    return f'{{"status_label":{label},"allowed_actions":{actions},{stored[1:]}'.encode()


def facts_of(parts: dict, now: datetime | None = None) -> workflow.CaseFacts:
    """The facts an action's offer depends on, from a stored answer (a case stored before a fact was kept
    offers the action, and its handler decides)."""
    now = now or clock.now()
    awaited = any(m["status"] == "later" for m in parts.get("materials", []))
    gaps = parts.get("gaps_deadline")
    done = parts.get("post_review_done_at")
    return workflow.CaseFacts(
        awaited=awaited,
        gaps_overdue=awaited and gaps is not None and datetime.fromisoformat(gaps) < now,
        post_review_open=parts.get("mode") == "trust_first" and done is None,
        extension_left=parts.get("extension_days_left", 1),
    )
