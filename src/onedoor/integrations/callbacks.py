"""Stage results reported by back-end systems (`POST /api/v1/integrations/{system}/callbacks`).

Trust: the body is signed with the connector's shared secret — `X-OneDoor-Signature: sha256=<hex
HMAC-SHA256(secret, timestamp + "." + body)>` with `X-OneDoor-Timestamp` (unix seconds) no more than 5 minutes
away from our clock. An unknown system, a bad signature or a stale timestamp is refused and logged; nothing
changes. Accepted callbacks go through the same case services as the back office (`case_act_as_backend`: the
workflow table, the action's rules, the trail) for the stages the route says the system decides.

Once and in order: `id` is applied at most once per system (a repeat answers `duplicate`); `sequence` counts the
system's callbacks per case from 1, and a callback that comes early is held until the earlier ones have been
applied, then applied in order; one whose sequence was already applied under another id is refused."""

from __future__ import annotations

import hmac
import json
import logging
import time
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from onedoor.cases.actions import case_act_as_backend
from onedoor.cases.models import Case
from onedoor.core import clock
from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.integrations import log, outbox, secrets
from onedoor.integrations.delivery import signature
from onedoor.integrations.models import CallbackStatus, Connector, Direction, InboundCallback

security_log = logging.getLogger("onedoor.security")
MAX_SKEW_SECONDS = 300
ACTION_FIELDS = ("opinion", "reason", "basis", "second_approver", "procedure")


@dataclass
class Received:
    status: str  # applied / held / duplicate
    case_status: str
    applied: list[str]  # callback ids applied by this request (held ones included, in order)


def connector_for(system: str, district: str | None) -> Connector:
    connectors = Connector.objects.select_related("system", "district").filter(system__code=system)
    if district:
        connectors = connectors.filter(district__code=district)
    found = list(connectors[:2])
    if len(found) != 1:
        security_log.warning("callback for unknown or ambiguous system %r (district %r)", system, district)
        raise NotFound("unknown_system", _("No back-end system with this code (give X-OneDoor-District)."))
    return found[0]


def _refuse(connector, body: bytes, sig: str, reason: str, message) -> None:
    with transaction.atomic():
        log.log_append(
            connector=connector,
            direction=Direction.IN,
            body=body,
            status="refused",
            signature=sig[:200],
            detail=reason,
        )
    security_log.warning("callback from %s refused: %s", connector.system.code, reason)
    raise Forbidden("callback_refused", message)


def check_signed(connector, body: bytes, timestamp: str, sig: str) -> None:
    try:
        skew = abs(time.time() - int(timestamp))
    except (TypeError, ValueError):
        skew = None
    if skew is None or skew > MAX_SKEW_SECONDS:
        _refuse(connector, body, sig, f"timestamp {timestamp!r}", _("The timestamp is missing or too old."))
    expected = signature(secrets.unseal(connector.secret_encrypted), timestamp, body)
    if not hmac.compare_digest(expected, sig or ""):
        _refuse(connector, body, sig, "bad signature", _("The signature does not match."))


def _parsed(body: bytes) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        data = None
    ok = (
        isinstance(data, dict)
        and isinstance(data.get("id"), str)
        and 0 < len(data["id"]) <= 64
        and isinstance(data.get("case"), str)
        and isinstance(data.get("sequence"), int)
        and data["sequence"] >= 1
        and isinstance(data.get("action"), str)
        and isinstance(data.get("criteria", {}), dict)
        and all(isinstance(data.get(f, ""), str) for f in ACTION_FIELDS)
    )
    if not ok:
        raise DomainError(
            "bad_callback",
            _("A callback is a JSON object with id, case, sequence (from 1) and action; texts are strings."),
        )
    return data


def callback_receive(*, system: str, district: str | None, timestamp: str, sig: str, body: bytes) -> Received:
    connector = connector_for(system, district)
    check_signed(connector, body, timestamp, sig)
    data = _parsed(body)
    with transaction.atomic():
        case = (
            Case.objects.select_for_update()
            .filter(district_id=connector.district_id, number=data["case"])
            .first()
        )
        if case is None:
            raise NotFound("case_not_found", _("No case with this number in this district."))
        if InboundCallback.objects.filter(connector=connector, callback_id=data["id"]).exists():
            _log(connector, body, sig, data, "duplicate")
            return Received("duplicate", case.status, [])
        expected = _next_sequence(connector, case)
        if data["sequence"] < expected:
            _log(connector, body, sig, data, "rejected", "sequence already applied")
            raise Conflict(
                "sequence_already_applied", _("A callback with this sequence was already applied.")
            )
        callback = InboundCallback(
            district_id=connector.district_id,
            connector=connector,
            callback_id=data["id"],
            case=case,
            sequence=data["sequence"],
            action=data["action"],
            body=data,
            status=CallbackStatus.HELD,
            received_at=clock.now(),
        )
        try:
            with transaction.atomic():
                callback.save(force_insert=True)
        except IntegrityError:  # the same id raced in: it is applied once
            return Received("duplicate", case.status, [])
        if data["sequence"] > expected:
            _log(connector, body, sig, data, "held", f"waiting for sequence {expected}")
            return Received("held", case.status, [])
        applied, refused = _apply_in_order(connector, case, callback, body, sig)
        case.refresh_from_db(fields=["status"])
    if refused is not None:  # raised after the commit, so the refusal stays in the message log
        raise refused
    return Received("applied", case.status, applied)


def _next_sequence(connector, case) -> int:
    last = (
        InboundCallback.objects.filter(connector=connector, case=case, status=CallbackStatus.APPLIED)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    return (last or 0) + 1


def _apply_in_order(connector, case, first: InboundCallback, body: bytes, sig: str):
    """Apply `first`, then every held callback that is now next, in sequence order. Returns the ids applied
    and the refusal of `first` (None when it applied); a held one that fails is dropped and logged."""
    applied, current, current_body = [], first, body
    while current is not None:
        error = _apply(connector, case, current, current_body, sig if current is first else "")
        if error is not None:
            return applied, error if current is first else None
        applied.append(current.callback_id)
        current = (
            InboundCallback.objects.filter(
                connector=connector, case=case, status=CallbackStatus.HELD, sequence=current.sequence + 1
            )
            .order_by("received_at")
            .first()
        )
        if current is not None:
            current_body = json.dumps(current.body, ensure_ascii=False, sort_keys=True).encode()
    return applied, None


def _apply(connector, case, callback: InboundCallback, body: bytes, sig: str) -> DomainError | None:
    data = callback.body
    route = next((r for r in outbox.routes_for(case) if r.connector_id == connector.pk), None)
    try:
        with transaction.atomic():
            case_act_as_backend(
                district=connector.district,
                number=case.number,
                code=connector.system.code,
                stages=route.decides if route else [],
                action=data["action"],
                opinion=data.get("opinion", ""),
                criteria={str(k): bool(v) for k, v in data.get("criteria", {}).items()},
                reason=data.get("reason", ""),
                basis=data.get("basis", ""),
                second_approver=data.get("second_approver", ""),
                procedure=data.get("procedure", ""),
            )
    except DomainError as error:
        InboundCallback.objects.filter(pk=callback.pk).delete()  # the sequence stays open for a corrected one
        _log(connector, body, sig, data, "rejected", f"{error.code}: {error.message}")
        return error
    InboundCallback.objects.filter(pk=callback.pk).update(
        status=CallbackStatus.APPLIED, applied_at=clock.now()
    )
    _log(connector, body, sig, data, "applied")
    return None


def _log(connector, body: bytes, sig: str, data: dict, status: str, detail: str = "") -> None:
    log.log_append(
        connector=connector,
        direction=Direction.IN,
        body=body,
        status=status,
        signature=sig[:200],
        case_number=data.get("case", "")[:32],
        message_key=data.get("id", "")[:64],
        kind=data.get("action", "")[:40],
        attempt=data.get("sequence", 0),
        detail=detail,
    )
