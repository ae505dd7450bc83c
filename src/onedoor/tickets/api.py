"""Queue API (tag `queue`): take a ticket, call the next one at a window (recall, skip, finish, transfer), and
the display board's state (public: ticket numbers and windows only)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Header, Router, Schema, Status

from onedoor.catalog.models import Item
from onedoor.core.api_schemas import ObjectIn, Text, errors
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.districts.auth import BearerToken
from onedoor.districts.models import Centre, Role
from onedoor.districts.selectors import district_by_code
from onedoor.tickets import selectors, services
from onedoor.tickets.models import Kind, Source, Ticket

router = Router(tags=["queue"], auth=BearerToken())
board_router = Router(tags=["queue"], auth=None)


class TicketIn(ObjectIn):
    kind: Text = Field(Kind.WALK_IN, description="walk_in | appointment | priority")
    centre: Text | None = Field(None, description="centre code; defaults to the staff member's own")
    item_code: Text | None = Field(None, description="what the holder came for, when known")
    priority_reason: Text = Field("", description="needed for a priority ticket (elderly, disabled …)")


class TicketOut(Schema):
    number: str
    kind: str
    status: str
    centre: str
    day: str
    taken_at: datetime
    called_at: datetime | None
    window: str | None
    target_window: str | None
    recalls: int
    waiting_ahead: int | None = None


class CallOut(Schema):
    ticket: TicketOut | None = Field(description="the ticket called; null when nobody waits")


class TransferIn(ObjectIn):
    to_window: Text
    reason: Text = ""


class BoardCallOut(Schema):
    number: str
    window: str
    at: datetime
    recalls: int
    status: str


class BoardOut(Schema):
    centre: dict[str, str]
    calls: list[BoardCallOut]
    waiting: dict[str, int]


def ticket_out(ticket: Ticket, *, ahead: int | None = None) -> dict:
    return {
        "number": ticket.number,
        "kind": ticket.kind,
        "status": ticket.status,
        "centre": ticket.centre.code,
        "day": ticket.day.isoformat(),
        "taken_at": ticket.taken_at,
        "called_at": ticket.called_at,
        "window": ticket.window.number if ticket.window_id else None,
        "target_window": ticket.target_window.number if ticket.target_window_id else None,
        "recalls": ticket.recalls,
        "waiting_ahead": ahead,
    }


def _centre_for(staff, code: str | None) -> Centre:
    if staff.district_id is None:
        raise Forbidden("no_district", _("Your account belongs to no district."))
    if not staff.role_set() & {Role.WINDOW_GENERALIST, Role.CHIEF_REPRESENTATIVE}:
        raise Forbidden("role_not_allowed", _("Only window staff hand out tickets."))
    if code:
        centre = (
            Centre.objects.filter(district_id=staff.district_id, code=code).select_related("district").first()
        )
    else:
        centre = Centre.objects.filter(pk=staff.centre_id).select_related("district").first()
    if centre is None:
        raise NotFound("no_centre", _("No such centre in your district."), field="centre")
    return centre


@router.post(
    "/tickets",
    response={201: TicketOut, 200: TicketOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Take a ticket",
)
def take(request, body: TicketIn, idempotency_key: str = Header(..., alias="Idempotency-Key")):
    """A ticket at a centre (reception staff). The same Idempotency-Key returns the same ticket (200)."""
    centre = _centre_for(request.auth, body.centre)
    item = None
    if body.item_code:
        item = Item.objects.filter(district_id=centre.district_id, code=body.item_code).first()
        if item is None:
            raise NotFound("no_item", _("No such item in your district."), field="item_code")
    ticket, created = services.ticket_take(
        centre=centre,
        kind=body.kind,
        source=Source.STAFF,
        item=item,
        priority_reason=body.priority_reason,
        actor=request.auth,
        key=idempotency_key.strip(),
    )
    ticket.centre = centre
    ahead = selectors.ahead_of(ticket)
    return Status(201 if created else 200, ticket_out(ticket, ahead=ahead))


def _window(request, centre: str, number: str):
    return services.window_of(staff=request.auth, centre_code=centre, number=number)


@router.post(
    "/windows/{centre}/{number}/call-next",
    response={200: CallOut, **errors(401, 403, 404, 409, 422)},
    summary="Call the next ticket",
)
def call_next(
    request, centre: Text, number: Text, idempotency_key: str | None = Header(None, alias="Idempotency-Key")
):
    """Finish the window's current ticket and call the next of the centre's pooled queue. A retry with the same
    Idempotency-Key answers the same call instead of calling another ticket."""
    window = _window(request, centre, number)
    ticket = services.ticket_call_next(staff=request.auth, window=window, key=idempotency_key)
    return {"ticket": ticket_out(ticket) if ticket else None}


@router.post(
    "/windows/{centre}/{number}/recall",
    response={200: TicketOut, **errors(401, 403, 404, 409, 422)},
    summary="Call the current ticket again",
)
def recall(request, centre: Text, number: Text):
    return ticket_out(services.ticket_recall(staff=request.auth, window=_window(request, centre, number)))


@router.post(
    "/windows/{centre}/{number}/skip",
    response={200: TicketOut, **errors(401, 403, 404, 409, 422)},
    summary="Skip the current ticket (holder not there)",
)
def skip(request, centre: Text, number: Text):
    window = _window(request, centre, number)
    return ticket_out(services.ticket_finish(staff=request.auth, window=window, skipped=True))


@router.post(
    "/windows/{centre}/{number}/finish",
    response={200: TicketOut, **errors(401, 403, 404, 409, 422)},
    summary="Finish the current ticket (served)",
)
def finish(request, centre: Text, number: Text):
    window = _window(request, centre, number)
    return ticket_out(services.ticket_finish(staff=request.auth, window=window))


@router.post(
    "/windows/{centre}/{number}/transfer",
    response={200: TicketOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Transfer the current ticket to another window",
)
def transfer(request, centre: Text, number: Text, body: TransferIn):
    window = _window(request, centre, number)
    ticket = services.ticket_transfer(
        staff=request.auth, window=window, to_number=body.to_window, reason=body.reason
    )
    return ticket_out(ticket)


@board_router.get(
    "/{district}/{centre}",
    response={200: BoardOut, **errors(404, 422)},
    summary="Display board state",
)
def board_state(request, district: Text, centre: Text):
    """The latest calls of the day and how many wait per kind — what the centre's display board shows."""
    try:
        found = Centre.objects.get(district=district_by_code(district), code=centre)
    except (Centre.DoesNotExist, DomainError):
        raise NotFound("no_centre", _("No such centre.")) from None
    return selectors.board(found)
