"""The message log (X-Road's signed message log, in spirit): every message in and out is an entry with the
body's SHA-256, its signature and what became of it, chained per connector — each entry's hash covers the
previous one — so an edited, inserted or deleted entry shows. Appending locks the connector row, so entries of
one connector are written one at a time in sequence."""

from __future__ import annotations

import hashlib
from datetime import UTC

from onedoor.core import clock
from onedoor.integrations.models import Connector, LogEntry

GENESIS = "0" * 64


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _entry_hash(prev: str, e: LogEntry) -> str:
    head = "|".join(
        str(x)
        for x in (
            prev,
            e.seq,
            e.at.astimezone(UTC).isoformat(),
            e.direction,
            e.case_number,
            e.message_key,
            e.kind,
            e.body_hash,
            e.signature,
            e.status,
            e.http_status if e.http_status is not None else "",
            e.attempt,
            e.detail,
        )
    )
    return hashlib.sha256(head.encode()).hexdigest()


def log_append(*, connector: Connector, direction: str, body: bytes, status: str, **fields) -> LogEntry:
    """Append one entry; call inside a transaction (the connector row stays locked until it ends)."""
    Connector.objects.select_for_update().filter(pk=connector.pk).values_list("pk").first()
    last = (
        LogEntry.objects.filter(connector=connector).order_by("-seq").values_list("seq", "entry_hash").first()
    )
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    entry = LogEntry(
        district_id=connector.district_id,
        connector=connector,
        seq=seq,
        at=clock.now(),
        direction=direction,
        body_hash=body_hash(body),
        status=status,
        prev_hash=prev,
        **fields,
    )
    entry.detail = (entry.detail or "")[:2000]
    entry.entry_hash = _entry_hash(prev, entry)
    entry.save(force_insert=True)
    return entry


def log_verify(connector: Connector) -> list[int]:
    """Sequence numbers where the chain breaks (an edited, missing or inserted entry); empty when intact."""
    broken, prev, expected_seq = [], GENESIS, 1
    for entry in LogEntry.objects.filter(connector=connector).order_by("seq").iterator():
        if (
            entry.seq != expected_seq
            or entry.prev_hash != prev
            or entry.entry_hash != _entry_hash(prev, entry)
        ):
            broken.append(entry.seq)
        prev, expected_seq = entry.entry_hash, entry.seq + 1
    return broken
