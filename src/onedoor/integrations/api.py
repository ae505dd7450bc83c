"""Back-end systems report stage results here (signed callbacks; see callbacks.py)."""

from __future__ import annotations

from ninja import Router, Schema

from onedoor.core.api_schemas import errors
from onedoor.integrations.callbacks import callback_receive
from onedoor.integrations.jumps import jump_redeem

router = Router(tags=["integrations"], auth=None)


class CallbackOut(Schema):
    status: str
    case_status: str
    applied: list[str]


@router.post(
    "/{system}/callbacks",
    response={200: CallbackOut, 202: CallbackOut, **errors(400, 403, 404, 409, 422)},
    summary="A back-end reports a stage result",
)
def callback(request, system: str):
    """Body: `{"id", "case", "sequence", "action", "opinion", "criteria", "reason", "basis"}`, signed with
    `X-OneDoor-Timestamp` and `X-OneDoor-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
    `X-OneDoor-District` names the district when the system code is used in several. 200 applied (or a
    duplicate, applied before), 202 held until the earlier callbacks of the case arrive."""
    received = callback_receive(
        system=system,
        district=request.headers.get("X-OneDoor-District"),
        timestamp=request.headers.get("X-OneDoor-Timestamp", ""),
        sig=request.headers.get("X-OneDoor-Signature", ""),
        body=request.body,
    )
    answer = {"status": received.status, "case_status": received.case_status, "applied": received.applied}
    return (202 if received.status == "held" else 200), answer


class JumpOut(Schema):
    case: str
    officer: str
    redeemed_at: str


@router.post(
    "/{system}/jumps/{nonce}/redeem",
    response={200: JumpOut, **errors(403, 404, 409)},
    summary="A back-end redeems a jump link (once)",
)
def redeem_jump(request, system: str, nonce: str):
    """Signed like a callback (any body, often `{}`). The first redemption of a link within its 2 minutes
    returns the case and officer it was made for; any later one is 409."""
    link = jump_redeem(
        system=system,
        district=request.headers.get("X-OneDoor-District"),
        nonce=nonce,
        timestamp=request.headers.get("X-OneDoor-Timestamp", ""),
        sig=request.headers.get("X-OneDoor-Signature", ""),
        body=request.body,
    )
    return {
        "case": link.case.number,
        "officer": link.staff.username,
        "redeemed_at": link.redeemed_at.isoformat(),
    }
