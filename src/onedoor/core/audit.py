"""Writing audit records. Called by services inside their transaction, so the record and the change
commit or roll back together."""

from __future__ import annotations

from typing import Any

from django.db import models

from onedoor.core import writebehind
from onedoor.core.models import AuditRecord


def audit(**fields) -> AuditRecord:
    """Write one audit record (with the change's other appended rows, `core.writebehind`); the arguments are
    `audit_record`'s."""
    record = audit_record(**fields)
    writebehind.insert(record)
    return record


def audit_record(
    *,
    district,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditRecord:
    """The audit record, unsaved: a service writing several changes at once saves them in one statement."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    label = getattr(actor, "username", "") if actor is not None else "system"
    return AuditRecord(
        district=district,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=label or "system",
        action=action,
        object_type=object_type or "",
        object_id=str(object_id or ""),
        reason=reason,
        data=data or {},
    )
