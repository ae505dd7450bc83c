"""Bench helper for the delivery benchmark, run inside Django (DATABASE_URL set by bench/deliveries.py).

enqueue N [RATE]     queue N `materials_supplied` events through `integrations.outbox.emit` (the service
                     every case change calls), spread over the connected cases; at RATE per second if given
wait SECONDS         wait until no message is left undelivered; prints the seconds it took
plain SECONDS        the baseline: 2 threads POST signed event bodies straight to the simulated systems
                     with the worker's own HTTP client code, as fast as they can; prints requests per second
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onedoor.settings")
django.setup()

from django.db import transaction  # noqa: E402

from onedoor.cases.models import Case  # noqa: E402
from onedoor.integrations import delivery, outbox, secrets  # noqa: E402
from onedoor.integrations.models import Connector, ConnectorKind, Event, MessageStatus, OutboxMessage  # noqa: E402


def _routed_cases() -> list[Case]:
    departments = Connector.objects.filter(kind=ConnectorKind.PUSH).values_list(
        "system__department_id", flat=True
    )
    cases = list(
        Case.objects.filter(department_id__in=departments).select_related("item", "version", "department")[
            :500
        ]
    )
    if not cases:
        raise SystemExit("no case of a connected department: seed with --cases first")
    return cases


def enqueue(count: int, rate: float | None = None) -> None:
    cases, started, batch = _routed_cases(), time.monotonic(), 50
    for n in range(0, count, batch):
        with transaction.atomic():
            for k in range(n, min(count, n + batch)):
                outbox.emit(
                    cases[k % len(cases)], Event.MATERIALS_SUPPLIED, {"materials": [f"M{k % 9 + 1:02d}"]}
                )
        if rate:
            ahead = (n + batch) / rate - (time.monotonic() - started)
            if ahead > 0:
                time.sleep(ahead)
    print(json.dumps({"queued": count, "seconds": time.monotonic() - started}))


def wait(seconds: float) -> None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if not OutboxMessage.objects.exclude(status=MessageStatus.DELIVERED).exists():
            print(json.dumps({"seconds": time.monotonic() - started, "done": True}))
            return
        time.sleep(0.2)
    left = OutboxMessage.objects.exclude(status=MessageStatus.DELIVERED).count()
    print(json.dumps({"seconds": seconds, "done": False, "left": left}))


def plain(seconds: float) -> None:
    connectors = list(Connector.objects.filter(kind=ConnectorKind.PUSH).select_related("system"))
    keys = {c.pk: secrets.unseal(c.secret_encrypted) for c in connectors}
    sample = OutboxMessage.objects.first()
    counts, stop = [0, 0], time.monotonic() + seconds

    def loop(slot: int) -> None:
        n = 0
        while time.monotonic() < stop:
            connector = connectors[n % len(connectors)]
            n += 1
            sample.key, sample.connector = uuid.uuid4(), connector
            body = delivery.message_body(sample)
            ts = str(int(time.time()))
            headers = {
                "Content-Type": "application/json",
                "Idempotency-Key": str(sample.key),
                "X-OneDoor-Timestamp": ts,
                "X-OneDoor-Signature": delivery.signature(keys[connector.pk], ts, body),
            }
            if delivery._post(connector, body, headers).delivered:
                counts[slot] += 1

    threads = [threading.Thread(target=loop, args=(slot,)) for slot in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps({"rps": sum(counts) / seconds}))


if __name__ == "__main__":
    action, rest = sys.argv[1], sys.argv[2:]
    if action == "enqueue":
        enqueue(int(rest[0]), float(rest[1]) if len(rest) > 1 else None)
    elif action == "wait":
        wait(float(rest[0]))
    else:
        plain(float(rest[0]))
