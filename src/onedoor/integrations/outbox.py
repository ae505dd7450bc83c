"""Writing what a back-end must learn (发件箱): `emit` is called by the case services inside the transaction of
the change, so an event exists exactly when its change does — a rolled-back acceptance leaves no message, a
committed one always has its message, whatever happens to the process afterwards."""

from __future__ import annotations

from django.db.models import Max, Q

from onedoor.core import clock, config_cache, writebehind
from onedoor.integrations.models import Connector, ConnectorKind, Event, OutboxMessage, Route

# Which case actions a routed back-end must learn, as which event.
ACTION_EVENTS = {
    "supply": Event.MATERIALS_SUPPLIED,
    "supply_gap": Event.MATERIALS_SUPPLIED,
    "request_correction": Event.CORRECTION_REQUESTED,
    "withdraw": Event.WITHDRAWN,
    "approve": Event.DECIDED,
    "reject": Event.DECIDED,
    "confirm": Event.DECIDED,  # a decision that waited for its second approver takes effect
    "revoke": Event.REVOKED,
}


def routes_for(case, snapshot=None) -> list[Route]:
    """The enabled push connectors' routes that take this case: its item's own route, or its department's.
    Through the caller's `core.config_cache` snapshot when it holds one."""
    key = ("routes", case.district_id, case.item_id, case.department_id)
    return config_cache.read(snapshot, key, lambda: _routes(case))


def _routes(case) -> list[Route]:
    routes = (
        Route.objects.filter(
            district_id=case.district_id,
            connector__enabled=True,
            connector__kind=ConnectorKind.PUSH,
        )
        .filter(
            Q(item_id=case.item_id)
            | Q(item__isnull=True, connector__system__department_id=case.department_id)
        )
        .select_related("connector")
        .order_by("connector_id", "item_id")
    )
    chosen: dict[int, Route] = {}
    for route in routes:  # an item's own route wins over its department's
        if route.connector_id not in chosen or route.item_id is not None:
            chosen[route.connector_id] = route
    return list(chosen.values())


def case_payload(case) -> dict:
    """What a back-end gets about the case: enough to open it in its own system (the applicant in full: the
    channel is signed and the back-end is the department's own system)."""
    return {
        "number": case.number,
        "item": {"code": case.item.code, "name": case.version.name, "version": case.version.number},
        "department": case.department.code,
        "status": case.status,
        "stages": [code for code, _share in case.stages],
        "mode": case.mode,
        "instant": case.instant,
        "channel": case.channel,
        "applicant": {"number": case.applicant_number, "name": case.applicant_name},
        "accepted_at": case.accepted_at.isoformat(),
        "deadline": case.deadline.isoformat() if case.deadline else None,
        "revision": case.revision,
    }


def emit(case, event: str, details: dict | None = None, snapshot=None) -> list[OutboxMessage]:
    """Queue `event` for every connector routed to the case; call inside the transaction of the change."""
    routes = routes_for(case, snapshot)
    if not routes:
        return []
    now = clock.now()
    last = dict(
        OutboxMessage.objects.filter(case=case, connector_id__in=[r.connector_id for r in routes])
        .values("connector_id")
        .annotate(last=Max("sequence"))
        .values_list("connector_id", "last")
    )
    messages = [
        OutboxMessage(
            district_id=case.district_id,
            connector_id=route.connector_id,
            case=case,
            sequence=last.get(route.connector_id, 0) + 1,
            event=event,
            payload={"case": case_payload(case), "details": details or {}, "decides": route.decides},
            created_at=now,
            retry_from=now,
            next_attempt_at=now,
        )
        for route in routes
    ]
    writebehind.insert(*messages)
    return messages


def _province_connector(district_id: int) -> int | None:
    return (
        Connector.objects.filter(district_id=district_id, kind=ConnectorKind.PROVINCE, enabled=True)
        .values_list("id", flat=True)
        .first()
    )


def province_message(*, connector_id: int, case, entry, **details) -> OutboxMessage:
    """The (unsaved) message telling the provincial online hall about one trail entry: the case as that entry
    left it, and the entry's own sequence, so the hall receives a case's changes in trail order and can count
    them (`reconcile.py`)."""
    now = clock.now()
    return OutboxMessage(
        district_id=case.district_id,
        connector_id=connector_id,
        case=case,
        sequence=entry.seq,
        event=Event.STATUS_CHANGED,
        payload={
            "case": {**case_payload(case), "status": entry.to_status},
            "details": {
                "seq": entry.seq,
                "action": entry.action,
                "from_status": entry.from_status,
                "to_status": entry.to_status,
                "at": entry.at.isoformat(),
                **details,
            },
            "decides": [],
        },
        created_at=now,
        retry_from=now,
        next_attempt_at=now,
    )


def report_to_province(case, entry, snapshot=None) -> OutboxMessage | None:
    """Queue one trail entry (a status change or another recorded action) for the district's provincial online
    hall, if one is connected and enabled; call inside the transaction of the change."""
    key = ("province", case.district_id)
    connector_id = config_cache.read(snapshot, key, lambda: _province_connector(case.district_id))
    if connector_id is None:
        return None
    message = province_message(connector_id=connector_id, case=case, entry=entry)
    writebehind.insert(message)
    return message
