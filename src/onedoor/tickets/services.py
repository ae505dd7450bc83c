"""Taking tickets and calling them to windows. Every change is audited; writes with a client key are
idempotent (a retried take returns the same ticket, a retried call the same call).

Call order within a centre's one pooled queue: a ticket transferred to this window first, then priority,
then appointment, then walk-in; within each, the earliest taken. Two windows calling at once never get the
same ticket: the call is a compare-and-set on the ticket's status, and the loser takes the next one."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onedoor.catalog.models import Item
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.districts.models import Centre, Role, Window
from onedoor.tickets.models import PREFIX, RANK, Kind, Source, Ticket, TicketStatus

TRANSFERRED_RANK = 0
KEY_MAX = 100


def _check_key(key: str | None) -> str | None:
    if key is not None and not 1 <= len(key) <= KEY_MAX:
        raise DomainError("bad_idempotency_key", _("Send an Idempotency-Key header of 1 to 100 characters."))
    return key


def ticket_take(
    *,
    centre: Centre,
    kind: str = Kind.WALK_IN,
    source: str = Source.STAFF,
    item: Item | None = None,
    priority_reason: str = "",
    actor=None,
    key: str | None = None,
) -> tuple[Ticket, bool]:
    """A new ticket at `centre` for today, numbered in sequence per kind (A001, B001, V001 …).
    Returns (ticket, created); the same `key` again returns the first ticket."""
    key = _check_key(key)
    if kind not in Kind.values:
        raise DomainError("bad_kind", _("Unknown ticket kind."), field="kind")
    if source not in Source.values:
        raise DomainError("bad_source", _("Unknown ticket source."), field="source")
    priority_reason = (priority_reason or "").strip()[:40]
    if kind == Kind.PRIORITY and not priority_reason:
        raise DomainError(
            "priority_reason_needed",
            _("Say why the ticket has priority (elderly, disabled, pregnant …)."),
            field="priority_reason",
        )
    if item is not None and item.district_id != centre.district_id:
        raise DomainError(
            "item_of_another_district", _("This item belongs to another district."), field="item"
        )
    if key:
        existing = Ticket.objects.filter(centre=centre, take_key=key).first()
        if existing is not None:
            return existing, False
    now = clock.now()
    day = timezone.localdate(now)
    for _attempt in range(8):  # two takes at once may pick the same number: the second tries the next one
        try:
            with transaction.atomic():
                last = (
                    Ticket.objects.filter(centre=centre, day=day, kind=kind).aggregate(m=Max("seq"))["m"] or 0
                )
                ticket = Ticket.objects.create(
                    district_id=centre.district_id,
                    centre=centre,
                    day=day,
                    kind=kind,
                    rank=RANK[kind],
                    seq=last + 1,
                    number=f"{PREFIX[kind]}{last + 1:03d}",
                    source=source,
                    priority_reason=priority_reason if kind == Kind.PRIORITY else "",
                    item=item,
                    department_id=item.department_id if item is not None else None,
                    status=TicketStatus.WAITING,
                    taken_at=now,
                    take_key=key,
                )
                audit(
                    district=centre.district,
                    actor=actor,
                    action="ticket.taken",
                    obj=ticket,
                    data={"number": ticket.number, "kind": kind, "source": source, "centre": centre.code},
                )
                return ticket, True
        except IntegrityError:
            if key and Ticket.objects.filter(centre=centre, take_key=key).exists():
                return Ticket.objects.get(centre=centre, take_key=key), False
    raise Conflict("busy", _("Too many tickets taken at once; try again."))


def window_of(*, staff, centre_code: str, number: str) -> Window:
    """The window `number` of the caller's district's centre `centre_code`, for a window generalist who works
    there (or a chief representative of the district)."""
    if staff.district_id is None:
        raise Forbidden("no_district", _("Your account belongs to no district."))
    window = (
        Window.objects.select_related("centre", "district")
        .filter(district_id=staff.district_id, centre__code=centre_code, number=number, active=True)
        .first()
    )
    if window is None:
        raise NotFound("no_window", _("No such window at this centre."))
    roles = staff.role_set()
    if Role.CHIEF_REPRESENTATIVE not in roles and (
        Role.WINDOW_GENERALIST not in roles or staff.centre_id != window.centre_id
    ):
        raise Forbidden(
            "not_at_this_centre", _("Only the window generalists of this centre call its tickets.")
        )
    return window


def current_at(window: Window) -> Ticket | None:
    return (
        Ticket.objects.filter(window=window, status=TicketStatus.CALLED).order_by("-last_called_at").first()
    )


def _end(ticket: Ticket, status: str, staff, window: Window, now) -> None:
    Ticket.objects.filter(pk=ticket.pk).update(status=status, finished_at=now)
    ticket.status, ticket.finished_at = status, now
    audit(
        district=window.district,
        actor=staff,
        action=f"ticket.{status}",
        obj=ticket,
        data={"number": ticket.number, "window": window.number},
    )


@transaction.atomic
def ticket_call_next(*, staff, window: Window, key: str | None = None) -> Ticket | None:
    """Finish the window's current ticket (served) and call the next one; None when nobody waits."""
    key = _check_key(key)
    if key:
        again = Ticket.objects.filter(window=window, call_key=key).first()
        if again is not None:
            return again
    now = clock.now()
    current = current_at(window)
    if current is not None:
        _end(current, TicketStatus.DONE, staff, window, now)
    waiting = Ticket.objects.filter(
        centre_id=window.centre_id, day=timezone.localdate(now), status=TicketStatus.WAITING
    ).filter(Q(target_window__isnull=True) | Q(target_window=window))
    for _attempt in range(20):
        candidate = (
            waiting.select_related("centre", "target_window").order_by("rank", "taken_at", "id").first()
        )
        if candidate is None:
            return None
        won = Ticket.objects.filter(pk=candidate.pk, status=TicketStatus.WAITING).update(
            status=TicketStatus.CALLED,
            window=window,
            called_by=staff,
            called_at=candidate.called_at or now,
            last_called_at=now,
            call_key=key or "",
        )
        if won:
            ticket = candidate
            ticket.status, ticket.window, ticket.called_by = TicketStatus.CALLED, window, staff
            ticket.called_at, ticket.last_called_at, ticket.call_key = (
                candidate.called_at or now,
                now,
                key or "",
            )
            audit(
                district=window.district,
                actor=staff,
                action="ticket.called",
                obj=ticket,
                data={"number": ticket.number, "window": window.number},
            )
            return ticket
    raise Conflict("busy", _("Too many windows called at once; try again."))


def _current_or_refuse(window: Window) -> Ticket:
    ticket = current_at(window)
    if ticket is None:
        raise Conflict("no_current_ticket", _("This window has no ticket called."))
    return ticket


@transaction.atomic
def ticket_recall(*, staff, window: Window) -> Ticket:
    """Call the window's current ticket again (on the board and aloud)."""
    ticket = _current_or_refuse(window)
    now = clock.now()
    Ticket.objects.filter(pk=ticket.pk).update(recalls=ticket.recalls + 1, last_called_at=now)
    ticket.recalls, ticket.last_called_at = ticket.recalls + 1, now
    audit(
        district=window.district,
        actor=staff,
        action="ticket.recalled",
        obj=ticket,
        data={"number": ticket.number, "window": window.number, "recalls": ticket.recalls},
    )
    return ticket


@transaction.atomic
def ticket_finish(*, staff, window: Window, skipped: bool = False) -> Ticket:
    """End the window's current ticket: served, or skipped when the holder did not come."""
    ticket = _current_or_refuse(window)
    _end(ticket, TicketStatus.SKIPPED if skipped else TicketStatus.DONE, staff, window, clock.now())
    return ticket


@transaction.atomic
def ticket_transfer(*, staff, window: Window, to_number: str, reason: str = "") -> Ticket:
    """Send the window's current ticket to another window of the centre, where it is called first."""
    ticket = _current_or_refuse(window)
    target = Window.objects.filter(centre_id=window.centre_id, number=to_number, active=True).first()
    if target is None or target.pk == window.pk:
        raise DomainError("bad_window", _("Choose another open window of this centre."), field="to_window")
    Ticket.objects.filter(pk=ticket.pk).update(
        status=TicketStatus.WAITING, window=None, target_window=target, rank=TRANSFERRED_RANK
    )
    ticket.status, ticket.target_window = TicketStatus.WAITING, target
    audit(
        district=window.district,
        actor=staff,
        action="ticket.transferred",
        obj=ticket,
        reason=reason,
        data={"number": ticket.number, "from": window.number, "to": target.number},
    )
    return ticket


def ticket_link_case(*, window: Window, case) -> int:
    """The case accepted at `window` belongs to the ticket called there (call inside the acceptance's
    transaction); returns how many tickets were linked (0 when the window called none)."""
    return Ticket.objects.filter(window=window, status=TicketStatus.CALLED, case__isnull=True).update(
        case=case
    )
