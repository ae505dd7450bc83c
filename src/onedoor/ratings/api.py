"""Rating API (tag `ratings`): a window's rating pad rates the visit it was just shown (its own token, header
X-Rating-Pad); a citizen rates a concluded case of theirs and follows a closed rectification up once (the
portal's session cookie, CSRF on writes); staff list rectifications of their own department (supervisors: the
district's) and act on them (Bearer token); a window's staff pair a native pad app. POSTs take an
Idempotency-Key: the same key returns the first answer (200), a second rating of the same visit or case is 409."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.utils.translation import gettext_lazy as _
from ninja import Field, Header, Path, Query, Router, Schema, Status
from ninja.security import APIKeyHeader

from onedoor.applications.api import CitizenSession
from onedoor.cases import signatures
from onedoor.citizens.views import acting_enterprise
from onedoor.core.api_schemas import ObjectIn, Text, errors
from onedoor.core.errors import DomainError, NotFound
from onedoor.districts.auth import BearerToken
from onedoor.districts.models import Window
from onedoor.people.masking import mask_name, mask_phone
from onedoor.ratings import rules, selectors, services
from onedoor.ratings.models import Rating, Rectification

router = Router(tags=["ratings"])
MAX_ID = 2**63 - 1  # a bigint: larger ids are refused at the schema, not by the database


class PadToken(APIKeyHeader):
    """The rating pad's secret, given once when the pad was paired with its window."""

    param_name = "X-Rating-Pad"

    def authenticate(self, request, key):
        return services.pad_authenticate(key, with_window=False)


def _key(value: str) -> str:
    if not value.strip() or len(value) > services.KEY_MAX:
        raise DomainError("bad_idempotency_key", _("Send an Idempotency-Key header of 1 to 100 characters."))
    return value.strip()


class RatingIn(ObjectIn):
    level: int = Field(description="5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意")
    sub_scores: dict[Text, int] = Field(
        default_factory=dict,
        description="1–5 each; window: efficiency, service_level, attitude; online: efficiency, "
        "guide_accuracy, convenience, usability (overall is the level)",
    )
    tags: list[Text] = Field(
        default_factory=list, description="reason tags of the level's band (docs/ratings.md)"
    )
    comment: Text = Field("", max_length=rules.COMMENT_MAX)


class VisitRatingIn(RatingIn):
    ticket: int = Field(
        ge=1, le=MAX_ID, description="the served ticket's id, as GET /ratings/pad/offer gives it"
    )


class RatingOut(Schema):
    id: int
    channel: str
    level: int
    level_label: str
    sub_scores: dict[str, int]
    tags: list[str]
    comment: str
    source: str
    rated_at: datetime
    follow_up_of: int | None
    rectification: int | None = Field(description="the rectification a bad rating opened")


def rating_out(rating: Rating, rectification_id: int | None = -1) -> dict:
    """`rectification_id` when the caller knows it (a rating just written); otherwise it is read."""
    if rectification_id == -1:
        rectification = getattr(rating, "rectification", None)
        rectification_id = rectification.pk if rectification else None
    return {
        "id": rating.pk,
        "channel": rating.channel,
        "level": rating.level,
        "level_label": rating.level_label,
        "sub_scores": rating.sub_scores,
        "tags": rating.tags,
        "comment": rating.comment,
        "source": rating.source,
        "rated_at": rating.rated_at,
        "follow_up_of": rating.follow_up_of_id,
        "rectification": rectification_id,
    }


class CommitmentOut(Schema):
    id: int
    text: str = Field(description="the trust-first commitment to show, word for word")
    requested_at: datetime


class OfferOut(Schema):
    ticket: int | None = Field(description="the visit to ask about; null: show the welcome screen")
    number: str | None
    finished_at: datetime | None
    window: str
    centre: str
    commitment: CommitmentOut | None = Field(
        None, description="a commitment the applicant is to sign first (before any rating); null: none"
    )


# A coordinate is a JSON number in 0..1: true, "0.5" or 2 are refused, not coerced.
Coordinate = Annotated[float, Field(strict=True, ge=0, le=1)]
Stroke = Annotated[list[tuple[Coordinate, Coordinate]], Field(min_length=1, max_length=signatures.MAX_POINTS)]


class SignatureIn(ObjectIn):
    strokes: list[Stroke] = Field(
        min_length=1,
        max_length=signatures.MAX_STROKES,
        description="the strokes drawn, each a list of [x, y] points in 0..1 of the signing box (3 wide × 1 "
        "high, y downwards)",
    )


class SignatureOut(Schema):
    id: int
    signed_at: datetime
    digest: str = Field(
        description="SHA-256 of the commitment text and the strokes, as the case's trail names it"
    )


class PadOut(Schema):
    window: str
    centre: str
    token: str = Field(description="send it as X-Rating-Pad; shown only now")


@router.post(
    "/pads/{centre}/{window}",
    response={201: PadOut, **errors(401, 403, 404, 422)},
    auth=BearerToken(),
    summary="Pair a rating pad with a window",
)
def pair(request, centre: Text, window: Text):
    """A new pad secret for the window (its previous pad stops working). For a native pad app; the browser pad
    is paired at /rate/window/<centre>/<window>/pair/."""
    found = (
        Window.objects.select_related("centre", "district")
        .filter(district_id=request.auth.district_id, centre__code=centre, number=window, active=True)
        .first()
    )
    if found is None:
        raise NotFound("no_window", _("No such window at this centre."))
    _pad, secret = services.pad_pair(staff=request.auth, window=found)
    return Status(201, {"window": found.number, "centre": found.centre.code, "token": secret})


@router.get(
    "/pad/offer", response={200: OfferOut, **errors(401)}, auth=PadToken(), summary="What the pad asks"
)
def offer(request):
    """The visit the window just finished and nobody has rated yet, or null."""
    pad = request.auth
    ticket = selectors.pad_offer(pad)
    waiting = signatures.signature_waiting(pad)
    return {
        "ticket": ticket.pk if ticket else None,
        "number": ticket.number if ticket else None,
        "finished_at": ticket.finished_at if ticket else None,
        "window": pad.window.number,
        "centre": pad.window.centre.code,
        "commitment": waiting,
    }


@router.post(
    "/pad/commitments/{signature_id}/signature",
    response={200: SignatureOut, **errors(400, 401, 404, 409, 422)},
    auth=PadToken(),
    summary="Sign a commitment on the pad",
)
def sign(request, signature_id: int, body: SignatureIn):
    """The applicant's handwritten signature of the commitment the offer showed. Sending the same strokes again
    answers the same; another signature of a signed commitment is 409 `already_signed`."""
    if not 1 <= signature_id <= MAX_ID:
        raise NotFound("signature_not_found", _("Nothing is waiting to be signed on this pad."))
    return signatures.signature_sign(
        pad=request.auth,
        signature_id=signature_id,
        strokes=[[list(p) for p in stroke] for stroke in body.strokes],
    )


def _rating(body: RatingIn, idempotency_key: str) -> dict:
    """What every rating call hands the service from its body and header."""
    return {
        "level": body.level,
        "sub_scores": body.sub_scores,
        "tags": body.tags,
        "comment": body.comment,
        "key": _key(idempotency_key),
    }


def _answer(result) -> Status:
    """201 for a new rating, 200 for the same request replayed by its Idempotency-Key."""
    return Status(200 if result.replayed else 201, rating_out(result.rating, result.rectification_id))


@router.post(
    "/visits",
    response={201: RatingOut, 200: RatingOut, **errors(400, 401, 404, 409, 422)},
    auth=PadToken(),
    summary="Rate a visit at a window",
)
def rate_visit(request, body: VisitRatingIn, idempotency_key: str = Header(..., alias="Idempotency-Key")):
    """From the window's own pad: one rating per served ticket. A rating of 1 or 2 opens a rectification."""
    result = services.rating_for_visit(
        pad=request.auth, ticket_id=body.ticket, **_rating(body, idempotency_key)
    )
    return _answer(result)


@router.post(
    "/cases/{number}",
    response={201: RatingOut, 200: RatingOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=CitizenSession(),
    summary="Rate a case online",
)
def rate_case(
    request, number: Text, body: RatingIn, idempotency_key: str = Header(..., alias="Idempotency-Key")
):
    """The applicant rates their own concluded case once, within the default period."""
    person, _level = request.auth
    result = services.rating_for_case(
        person=person,
        enterprise=acting_enterprise(request),
        number=number,
        **_rating(body, idempotency_key),
    )
    return _answer(result)


@router.post(
    "/cases/{number}/follow-up",
    response={201: RatingOut, 200: RatingOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=CitizenSession(),
    summary="Follow a case's rating up",
)
def follow_up_case(
    request, number: Text, body: RatingIn, idempotency_key: str = Header(..., alias="Idempotency-Key")
):
    """One follow-up rating (追评) of a bad rating, once its rectification is closed."""
    person, _level = request.auth
    result = services.rating_follow_up_case(
        person=person,
        enterprise=acting_enterprise(request),
        number=number,
        **_rating(body, idempotency_key),
    )
    return _answer(result)


class StepOut(Schema):
    at: datetime
    actor: str
    action: str
    from_status: str
    to_status: str
    note: str


class RectificationOut(Schema):
    id: int
    status: str
    status_label: str
    classification: str
    department: str | None
    opened_at: datetime
    contact_due: datetime
    fix_due: datetime
    contacted_at: datetime | None
    classified_at: datetime | None
    closed_at: datetime | None
    explanation: str
    appeal_status: str
    revision: int
    rating: RatingOut
    case_number: str | None
    ticket_number: str | None
    rater_name: str = Field(description="masked")
    rater_phone: str = Field(description="masked")
    allowed_actions: list[str]


class RectificationPage(Schema):
    items: list[RectificationOut]
    next: int | None = Field(description="pass back as before_id for the next page")


def rectification_out(rect: Rectification) -> dict:
    rating, person = rect.rating, rect.rating.person
    return {
        "id": rect.pk,
        "status": rect.status,
        "status_label": str(rect.get_status_display()),
        "classification": rect.classification,
        "department": rect.department.code if rect.department_id else None,
        "opened_at": rect.opened_at,
        "contact_due": rect.contact_due,
        "fix_due": rect.fix_due,
        "contacted_at": rect.contacted_at,
        "classified_at": rect.classified_at,
        "closed_at": rect.closed_at,
        "explanation": rect.explanation,
        "appeal_status": rect.appeal_status,
        "revision": rect.revision,
        "rating": rating_out(rating),
        "case_number": rating.case.number if rating.case_id else None,
        "ticket_number": rating.ticket.number if rating.ticket_id else None,
        "rater_name": mask_name(person.name) if person else "",
        "rater_phone": mask_phone(person.phone) if person else "",
        "allowed_actions": rules.allowed(rect.status, rect.appeal_status),
    }


class RectificationFilters(Schema):
    status: Text | None = Field(None, description="open | contacted | classified | closed")
    before_id: int | None = Field(None, ge=1, le=MAX_ID)
    limit: int = Field(20, ge=1, le=100)


@router.get(
    "/rectifications",
    response={200: RectificationPage, **errors(401, 403, 422)},
    auth=BearerToken(),
    summary="List rectifications",
)
def list_rectifications(request, params: Query[RectificationFilters]):
    """Newest first: the caller's departments' (a supervisor: the whole district's). Never counted."""
    rows = selectors.rectifications_for(
        request.auth, status=params.status, before_id=params.before_id, limit=params.limit + 1
    )
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    return {"items": [rectification_out(r) for r in rows], "next": rows[-1].pk if more else None}


class RectificationActionIn(ObjectIn):
    action: Text = Field(description="contact | classify | close | appeal | decide_appeal")
    note: Text = Field(
        "", description="contact: how it went; classify: the explanation (unfounded needs one)"
    )
    classification: Text = Field("", description="classify: fix_now | fix_in_15_days | unfounded")
    upheld: bool | None = Field(None, description="decide_appeal: true sets the rating aside")
    revision: int | None = Field(None, description="the revision you saw; a stale one is a conflict")


@router.post(
    "/rectifications/{rectification_id}/actions",
    response={200: RectificationOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=BearerToken(),
    summary="Act on a rectification",
)
def act(
    request,
    rectification_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    body: RectificationActionIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
):
    rect = services.rectification_act(
        staff=request.auth,
        rectification_id=rectification_id,
        action=body.action,
        note=body.note,
        classification=body.classification,
        upheld=body.upheld,
        key=_key(idempotency_key),
        expected_revision=body.revision,
    )
    rect = Rectification.objects.select_related(
        "rating__person", "rating__case", "rating__ticket", "department"
    ).get(pk=rect.pk)
    return rectification_out(rect)
