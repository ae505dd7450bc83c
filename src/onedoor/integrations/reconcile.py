"""Reconciling with the provincial online hall (省网上办事大厅对账): for one day, what OneDoor's case trails
say changed against what the hall says it received, case by case.

Every trail entry of a case is one `status_changed` message to the hall, numbered by the entry's own sequence
(`outbox.report_to_province`). The hall answers a signed `GET <its URL>?date=YYYY-MM-DD` with, for each case
that changed that day (in the district's time zone), the sequences it holds and the status it shows:

    {"date": "2026-11-26", "cases": [{"number": "…", "seqs": [1, 2], "status": "undertake"}]}

The request is signed like a push: `X-OneDoor-Timestamp` and `X-OneDoor-Signature` = `sha256=` HMAC-SHA256
over `timestamp.` + `GET <path>?<query>`. Each request and answer is written to the connector's message log.

Mismatches: `missing` (the hall has none of the day's changes of a case), `changes_missing` (some
sequences missing), `unknown_here` (the hall holds changes OneDoor has no record of), `status_differs`
(same changes, another status). Each missing change is shown with where its message is (waiting, dead letter,
delivered, never queued). `resend` queues the missing changes again — delivered ones are sent again with
their own idempotency key, dead letters get a new retry budget, never-queued ones are queued from their trail
entries — so the hall, which keeps per case the status of the highest sequence, catches up."""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import Case, TrailEntry
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import DomainError
from onedoor.integrations import log, secrets
from onedoor.integrations.delivery import signature
from onedoor.integrations.models import (
    Connector,
    ConnectorKind,
    Direction,
    MessageStatus,
    OutboxMessage,
)
from onedoor.integrations.outbox import province_message

MISSING, CHANGES_MISSING, UNKNOWN_HERE, STATUS_DIFFERS = (
    "missing",
    "changes_missing",
    "unknown_here",
    "status_differs",
)
NEVER_QUEUED = "never_queued"


@dataclass
class Mismatch:
    number: str
    kind: str
    ours: dict  # {"seqs": [...], "status": "..."} — empty when OneDoor has nothing that day
    theirs: dict
    missing: dict[int, str] = field(
        default_factory=dict
    )  # seq → where its message is (a MessageStatus or NEVER_QUEUED)


@dataclass
class Report:
    day: date
    compared: int
    mismatches: list[Mismatch]
    resent: int = 0

    @property
    def matched(self) -> int:
        return self.compared - len(self.mismatches)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(day, dtime.min, tzinfo=zone)
    return start, start + timedelta(days=1)


def province_hall(district) -> Connector:
    connector = Connector.objects.filter(district=district, kind=ConnectorKind.PROVINCE).first()
    if connector is None:
        raise DomainError("no_province_hall", _("This district has no provincial online hall connected."))
    return connector


def ours_for_day(district, day: date) -> dict[str, dict]:
    """{case number: {"seqs": [...], "status": status after the day's last change}} from the case trails."""
    start, end = day_bounds(day)
    result: dict[str, dict] = {}
    rows = (
        TrailEntry.objects.filter(district=district, at__gte=start, at__lt=end)
        .order_by("case_id", "seq")
        .values_list("case__number", "seq", "to_status")
    )
    for number, seq, status in rows.iterator():
        entry = result.setdefault(number, {"seqs": [], "status": status})
        entry["seqs"].append(seq)
        entry["status"] = status
    return result


def theirs_for_day(connector: Connector, day: date) -> dict[str, dict]:
    """Ask the hall (signed GET); every request and answer goes to the connector's message log."""
    url = urlsplit(connector.base_url)
    target = (url.path or "/") + "?" + urlencode({"date": day.isoformat()})
    timestamp = str(int(time.time()))
    sig = signature(secrets.unseal(connector.secret_encrypted), timestamp, f"GET {target}".encode())
    conn_class = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(url.hostname, url.port, timeout=max(connector.timeout_seconds, 30))
    status, body, error = None, b"", ""
    try:
        conn.request(
            "GET",
            target,
            headers={
                "X-OneDoor-Timestamp": timestamp,
                "X-OneDoor-Signature": sig,
                "Accept": "application/json",
            },
        )
        response = conn.getresponse()
        status, body = response.status, response.read()
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"
    finally:
        conn.close()
    data = None
    if status == 200:
        try:
            data = json.loads(body)
            cases = {
                str(c["number"]): {"seqs": sorted(int(s) for s in c["seqs"]), "status": str(c["status"])}
                for c in data["cases"]
            }
        except (ValueError, KeyError, TypeError):
            data, error = None, "the answer is not a list of cases"
    elif status is not None:
        error = f"HTTP {status}: {body[:300].decode('utf-8', 'replace')}"
    with transaction.atomic():
        log.log_append(
            connector=connector,
            direction=Direction.IN,
            body=body,
            status="received" if data is not None else "failed",
            kind="reconcile",
            message_key=day.isoformat(),
            signature=sig,
            http_status=status,
            detail=error,
        )
    if data is None:
        raise DomainError(
            "province_unreachable",
            _("The provincial online hall did not answer the reconciliation: %(error)s") % {"error": error},
        )
    return cases


def compare(ours: dict[str, dict], theirs: dict[str, dict]) -> list[Mismatch]:
    """The pure rule: case by case, which side lacks what."""
    found = []
    for number in sorted(set(ours) | set(theirs)):
        mine, hall = ours.get(number, {}), theirs.get(number, {})
        my_seqs, hall_seqs = set(mine.get("seqs", [])), set(hall.get("seqs", []))
        if my_seqs and not hall_seqs:
            kind = MISSING
        elif my_seqs - hall_seqs:
            kind = CHANGES_MISSING
        elif hall_seqs - my_seqs:
            kind = UNKNOWN_HERE
        elif mine.get("status") != hall.get("status"):
            kind = STATUS_DIFFERS
        else:
            continue
        missing = dict.fromkeys(sorted(my_seqs - hall_seqs), NEVER_QUEUED)
        found.append(Mismatch(number, kind, mine, hall, missing))
    return found


def _locate(connector: Connector, mismatches: list[Mismatch]) -> None:
    """Fill in where each missing change's message is."""
    wanted = {m.number: m for m in mismatches if m.missing}
    if not wanted:
        return
    rows = OutboxMessage.objects.filter(connector=connector, case__number__in=list(wanted)).values_list(
        "case__number", "sequence", "status"
    )
    for number, seq, status in rows:
        if seq in wanted[number].missing:
            wanted[number].missing[seq] = status


def reconcile(*, district, day: date, resend: bool = False, actor=None) -> Report:
    """Compare both sides for `day`; with `resend`, queue every missing change again."""
    connector = province_hall(district)
    ours = ours_for_day(district, day)
    theirs = theirs_for_day(connector, day)
    mismatches = compare(ours, theirs)
    _locate(connector, mismatches)
    report = Report(day=day, compared=len(set(ours) | set(theirs)), mismatches=mismatches)
    if resend:
        report.resent = _resend(connector, mismatches, actor)
    return report


@transaction.atomic
def _resend(connector: Connector, mismatches: list[Mismatch], actor) -> int:
    now = clock.now()
    queued = 0
    for mismatch in mismatches:
        if not mismatch.missing:
            continue
        case = Case.objects.select_related("item", "version", "department").get(
            district_id=connector.district_id, number=mismatch.number
        )
        existing = {
            m.sequence: m
            for m in OutboxMessage.objects.filter(
                connector=connector, case=case, sequence__in=list(mismatch.missing)
            )
        }
        entries = {e.seq: e for e in TrailEntry.objects.filter(case=case, seq__in=list(mismatch.missing))}
        for seq in sorted(mismatch.missing):
            message = existing.get(seq)
            if message is None:
                province_message(connector_id=connector.pk, case=case, entry=entries[seq], resent=True).save(
                    force_insert=True
                )
            elif message.status in (MessageStatus.DELIVERED, MessageStatus.DEAD):
                OutboxMessage.objects.filter(pk=message.pk).update(
                    status=MessageStatus.PENDING, retry_from=now, next_attempt_at=now, lease_until=None
                )
            else:
                continue  # already on its way
            queued += 1
    audit(
        district=connector.district,
        actor=actor,
        action="province.resent",
        obj=connector,
        data={"cases": [m.number for m in mismatches if m.missing], "messages": queued},
    )
    return queued
