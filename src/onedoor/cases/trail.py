"""The case trail (节点留痕、过程可溯): every action appends one entry with who, role, where, when, from → to,
why, and hashes — the payload's SHA-256 and a chain over the previous entry, so any edit or gap shows.
Rows are never updated or deleted (database triggers, see migration 0002). Each entry is also queued for the
provincial online hall when the district has one connected (`integrations/outbox.py`), and the applicant
is notified of acceptance, correction, decision and completion (`notifications/services.py`)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from typing import NamedTuple

from onedoor.cases.models import Case, TrailEntry
from onedoor.core import clock, writebehind
from onedoor.integrations import outbox
from onedoor.notifications.services import case_changed

GENESIS = "0" * 64


class Head(NamedTuple):
    """A trail's last entry, as far as the next one needs it: its sequence number and hash."""

    seq: int
    entry_hash: str


FIRST = object()  # `after=FIRST`: the caller knows this is the case's first entry (its acceptance)


def _canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def entry_hash(
    *, prev_hash: str, seq: int, at, actor: str, action: str, to_status: str, payload_hash: str
) -> str:
    # In UTC, as the database gives it back: a moment written with another offset must verify too.
    head = f"{prev_hash}|{seq}|{at.astimezone(UTC).isoformat()}|{actor}|{action}|{to_status}|{payload_hash}"
    return hashlib.sha256(head.encode()).hexdigest()


def trail_append(
    *,
    case: Case,
    actor,
    role: str,
    action: str,
    from_status: str,
    to_status: str,
    reason: str = "",
    payload: dict | None = None,
    centre=None,
    window=None,
    at=None,
    after=None,
    snapshot=None,
) -> TrailEntry:
    """Append one entry. Call inside the transaction of the change, after locking the case row.

    `after` saves a query when the caller holds the case's last entry or its `Head` (read with the case's
    lock), or passes FIRST for a new case;
    otherwise the last entry is read from the database. `snapshot`: the caller's `core.config_cache`
    snapshot, if it holds one."""
    payload = payload or {}
    if after is FIRST:
        last = None
    elif after is not None:
        last = (after.seq, after.entry_hash)
    else:
        last = TrailEntry.objects.filter(case=case).order_by("-seq").values_list("seq", "entry_hash").first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = at or clock.now()
    label = getattr(actor, "username", "") or "system"
    payload_hash = hashlib.sha256(_canonical(payload)).hexdigest()
    entry = TrailEntry(
        district_id=case.district_id,
        case=case,
        seq=seq,
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=label,
        role=role,
        centre=centre,
        window=window,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        payload=payload,
        payload_hash=payload_hash,
        prev_hash=prev,
        entry_hash=entry_hash(
            prev_hash=prev,
            seq=seq,
            at=at,
            actor=label,
            action=action,
            to_status=to_status,
            payload_hash=payload_hash,
        ),
    )
    writebehind.insert(entry)
    outbox.report_to_province(case, entry, snapshot)
    case_changed(case, entry)  # the applicant's SMS at acceptance, correction, decision and completion
    return entry


def trail_verify(case: Case) -> list[int]:
    """Sequence numbers of entries whose hashes do not hold (empty when the trail is intact)."""
    broken, prev = [], GENESIS
    for n, entry in enumerate(TrailEntry.objects.filter(case=case).order_by("seq"), start=1):
        payload_hash = hashlib.sha256(_canonical(entry.payload)).hexdigest()
        expected = entry_hash(
            prev_hash=prev,
            seq=entry.seq,
            at=entry.at,
            actor=entry.actor_label,
            action=entry.action,
            to_status=entry.to_status,
            payload_hash=payload_hash,
        )
        if (
            entry.seq != n
            or entry.prev_hash != prev
            or entry.payload_hash != payload_hash
            or entry.entry_hash != expected
        ):
            broken.append(entry.seq)
        prev = entry.entry_hash
    return broken
