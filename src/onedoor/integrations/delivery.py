"""Delivering the outbox (at least once, in order per case, never acted on twice by a well-behaved back-end).

A worker **claims** a message by giving it a lease (status `sending`, `lease_until`) in a short transaction —
on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several workers never claim the same row — then POSTs it
outside any transaction, then records the outcome. A worker killed mid-delivery leaves a lease that expires;
the message is claimed again and sent again with the same idempotency key (the back-end answers the repeat
without acting twice). Only the first unfinished message of a (connector, case) is claimable, so a case's
events arrive in order even across retries.

Outcomes: 2xx delivered; 408, 425, 429, 5xx, a timeout or a refused connection: retried with exponential
backoff (with jitter) until the retry budget (24 h by default) is spent, then a dead letter; any other 4xx:
the back-end refused the message itself, which no retry changes: a dead letter at once. After
`ONEDOOR_BREAKER_THRESHOLD` failures in a row a connector's circuit opens for a cooldown: its messages wait
instead of hammering a system that is down."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q

from onedoor.core import clock
from onedoor.integrations import log, secrets
from onedoor.integrations.models import Connector, Direction, LogEntry, MessageStatus, OutboxMessage

UNFINISHED = (MessageStatus.PENDING, MessageStatus.SENDING)
# A dead letter holds back the later messages of its case until it is replayed: order is never broken.
BLOCKING = (*UNFINISHED, MessageStatus.DEAD)
RETRYABLE = {408, 425, 429}


def _setting(name: str, default):
    return getattr(settings, name, default)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=` + hex HMAC-SHA256 over `timestamp.body` — the scheme of our pushes and of callbacks."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def message_body(message: OutboxMessage) -> bytes:
    data = {
        "id": str(message.key),
        "event": message.event,
        "sequence": message.sequence,
        "case": message.payload["case"],
        "details": message.payload.get("details", {}),
        "decides": message.payload.get("decides", []),
        "created_at": message.created_at.isoformat(),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def claim(*, limit: int = 10, worker: str = "") -> list[OutboxMessage]:
    """Lease up to `limit` due messages, each the first unfinished one of its (connector, case)."""
    now = clock.now()
    earlier = OutboxMessage.objects.filter(
        connector_id=OuterRef("connector_id"),
        case_id=OuterRef("case_id"),
        sequence__lt=OuterRef("sequence"),
        status__in=BLOCKING,
    )
    due = (
        OutboxMessage.objects.filter(
            Q(status=MessageStatus.PENDING, next_attempt_at__lte=now)
            | Q(status=MessageStatus.SENDING, lease_until__lt=now)
        )
        .filter(connector__enabled=True)
        .filter(Q(connector__open_until__isnull=True) | Q(connector__open_until__lte=now))
        .exclude(Exists(earlier))
        .select_related("connector")
        .order_by("next_attempt_at", "id")
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            due = due.select_for_update(skip_locked=True, of=("self",))
        picked = _within_limits(list(due[:limit]), now)
        if picked:
            margin = _setting("ONEDOOR_OUTBOX_LEASE_MARGIN_SECONDS", 30.0)
            lease = now + timedelta(seconds=max(m.connector.timeout_seconds for m in picked) * 2 + margin)
            OutboxMessage.objects.filter(pk__in=[m.pk for m in picked]).update(
                status=MessageStatus.SENDING, lease_until=lease
            )
    return picked


def _within_limits(candidates: list[OutboxMessage], now) -> list[OutboxMessage]:
    """Keep each connector within its limits: at most `max_concurrency` messages in flight (leased by any
    worker) and at most `rate_per_minute` attempts in the last minute (counted in the message log). The
    connectors' rows are locked while counting, so two workers claiming at once cannot both use the same room."""
    ids = {m.connector_id for m in candidates}
    if not ids:
        return []
    list(Connector.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    in_flight = dict(
        OutboxMessage.objects.filter(connector_id__in=ids, status=MessageStatus.SENDING, lease_until__gte=now)
        .values("connector_id")
        .annotate(n=Count("id"))
        .values_list("connector_id", "n")
    )
    recent = dict(
        LogEntry.objects.filter(
            connector_id__in=ids, direction=Direction.OUT, at__gte=now - timedelta(minutes=1)
        )
        .values("connector_id")
        .annotate(n=Count("id"))
        .values_list("connector_id", "n")
    )
    room, kept = {}, []
    for message in candidates:
        c = message.connector
        if c.pk not in room:
            room[c.pk] = min(
                c.max_concurrency - in_flight.get(c.pk, 0), c.rate_per_minute - recent.get(c.pk, 0)
            )
        if room[c.pk] > 0:
            room[c.pk] -= 1
            kept.append(message)
    return kept


@dataclass
class Outcome:
    delivered: bool
    retry: bool
    http_status: int | None
    detail: str


def _post(connector: Connector, body: bytes, headers: dict) -> Outcome:
    url = urlsplit(connector.base_url)
    conn_class = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(url.hostname, url.port, timeout=connector.timeout_seconds)
    path = url.path or "/"
    if url.query:
        path += "?" + url.query
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read(2000).decode("utf-8", "replace")
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        return Outcome(False, True, None, f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()
    status = response.status
    if 200 <= status < 300:
        return Outcome(True, False, status, "")
    return Outcome(False, status >= 500 or status in RETRYABLE, status, text[:500])


def backoff(attempts: int) -> float:
    """Seconds before the next attempt: base · 2^(attempts−1), capped, ±20 % jitter."""
    base = _setting("ONEDOOR_OUTBOX_BACKOFF_SECONDS", 5.0)
    cap = _setting("ONEDOOR_OUTBOX_BACKOFF_CAP_SECONDS", 3600.0)
    return min(cap, base * 2 ** max(0, attempts - 1)) * random.uniform(0.8, 1.2)


def deliver(message: OutboxMessage) -> Outcome:
    """Send one claimed message and record what happened (message row, connector breaker, message log)."""
    connector = message.connector
    body = message_body(message)
    timestamp = str(int(time.time()))
    sig = signature(secrets.unseal(connector.secret_encrypted), timestamp, body)
    outcome = _post(
        connector,
        body,
        {
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": str(message.key),
            "X-OneDoor-Timestamp": timestamp,
            "X-OneDoor-Signature": sig,
            "X-OneDoor-Event": message.event,
        },
    )
    _record(message, connector, body, sig, outcome)
    return outcome


def _record(message, connector, body: bytes, sig: str, outcome: Outcome) -> None:
    now = clock.now()
    attempts = message.attempts + 1
    budget = timedelta(hours=_setting("ONEDOOR_OUTBOX_RETRY_HOURS", 24.0))
    if outcome.delivered:
        status, fields = MessageStatus.DELIVERED, {"delivered_at": now, "last_error": ""}
    elif outcome.retry and now - message.retry_from < budget:
        status = MessageStatus.PENDING
        fields = {"next_attempt_at": now + timedelta(seconds=backoff(attempts)), "last_error": outcome.detail}
    else:
        status, fields = MessageStatus.DEAD, {"last_error": outcome.detail or "retry budget spent"}
    with transaction.atomic():
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=status, attempts=attempts, lease_until=None, **fields
        )
        _breaker(connector, outcome, now)
        log.log_append(
            connector=connector,
            direction=Direction.OUT,
            body=body,
            status=status,
            case_number=message.payload["case"]["number"],
            message_key=str(message.key),
            kind=message.event,
            signature=sig,
            http_status=outcome.http_status,
            attempt=attempts,
            detail=outcome.detail,
        )
    message.status, message.attempts = status, attempts


def _breaker(connector: Connector, outcome: Outcome, now) -> None:
    if outcome.delivered or not outcome.retry:  # the system answered: it is up
        Connector.objects.filter(pk=connector.pk).update(consecutive_failures=0, open_until=None)
        return
    failures = (
        Connector.objects.filter(pk=connector.pk).values_list("consecutive_failures", flat=True).first()
    )
    failures = (failures or 0) + 1
    threshold = _setting("ONEDOOR_BREAKER_THRESHOLD", 5)
    cooldown = _setting("ONEDOOR_BREAKER_COOLDOWN_SECONDS", 30.0)
    open_until = now + timedelta(seconds=cooldown) if failures >= threshold else None
    Connector.objects.filter(pk=connector.pk).update(consecutive_failures=failures, open_until=open_until)


def deliver_due(*, limit: int = 10, worker: str = "") -> int:
    """Claim and deliver one batch; returns how many messages were attempted."""
    batch = claim(limit=limit, worker=worker)
    for message in batch:
        deliver(message)
    return len(batch)


def replay(messages) -> int:
    """Give dead letters a new retry budget (from the supervisors' page or `onedoor integrations replay`)."""
    now = clock.now()
    return OutboxMessage.objects.filter(pk__in=[m.pk for m in messages], status=MessageStatus.DEAD).update(
        status=MessageStatus.PENDING, retry_from=now, next_attempt_at=now, lease_until=None
    )
