"""The applicant signs a trust-first commitment (告知承诺书) by hand on the window's pad (issue 3 §2: "signs
(recorded)").

1. The desk asks (`signature_request`): the window, the item, the applicant and the exact commitment text the
   acceptance will record. The pad serves one applicant at a time: a new request replaces the asker's own
   request still waiting there, but not a colleague's younger than HOLD_MINUTES (409 `pad_busy`). The desk
   that asked may take its request off the pad (`signature_cancel`).
2. The window's pad (ratings/pad_views.py, or a native pad through the API) shows the waiting text
   (`signature_waiting`) and sends back the strokes drawn on it (`signature_sign`).
3. The acceptance (`services.case_accept(commitment_signature=…)`) takes it (`signature_take`): signed, within
   SIGN_MINUTES of the request, not used by another case, for the same window, applicant, item and text.

The strokes are kept as drawn, as points in 0..1 of the pad's drawing area (`strokes_of`); the SHA-256 of the
text and the strokes is what the trail entry of the acceptance names, so neither can change unseen. The case
page and the receipt draw them."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import CommitmentSignature
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.districts.models import Role

SIGN_MINUTES = 30  # a request not signed and used within this time lapses (counted from the request)
HOLD_MINUTES = 5  # a colleague's unsigned request keeps the pad this long before another desk may replace it
MAX_STROKES = 60
MAX_POINTS = 5000
MIN_POINTS = 8  # fewer is a tap, not a signature
MIN_EXTENT = 0.05  # nor is a dot: the strokes span at least this share of the area, across or down


def _bad(message) -> DomainError:
    return DomainError("bad_signature", message)


def strokes_of(raw) -> list[list[list[float]]]:
    """The strokes as stored: a list of strokes, each a list of [x, y] points in 0..1 (rounded to 1/10,000).
    Anything else, too little to be a signature or too much to be one, is refused with `bad_signature`."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise _bad(_("The signature could not be read; sign again.")) from None
    if not isinstance(raw, list) or not raw or len(raw) > MAX_STROKES:
        raise _bad(_("The signature could not be read; sign again."))
    strokes, count = [], 0
    for stroke in raw:
        if not isinstance(stroke, list) or not stroke:
            raise _bad(_("The signature could not be read; sign again."))
        points = []
        for point in stroke:
            ok = isinstance(point, list | tuple) and len(point) == 2
            if not ok or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point):
                raise _bad(_("The signature could not be read; sign again."))
            x, y = float(point[0]), float(point[1])
            if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
                raise _bad(_("The signature could not be read; sign again."))
            points.append([round(x, 4), round(y, 4)])
        count += len(points)
        strokes.append(points)
    if count > MAX_POINTS:
        raise _bad(_("The signature could not be read; sign again."))
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    if count < MIN_POINTS or max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_EXTENT:
        raise _bad(_("That is too small to be a signature: sign with your name across the box."))
    return strokes


def digest_of(text: str, strokes: list) -> str:
    """SHA-256 of the commitment text and the strokes as stored (canonical JSON)."""
    canonical = json.dumps({"strokes": strokes, "text": text}, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _lapse_before():
    return clock.now() - timedelta(minutes=SIGN_MINUTES)


@transaction.atomic
def signature_request(*, staff, window, version, applicant_number: str, text: str) -> CommitmentSignature:
    """Show this commitment on the window's pad for the applicant to sign. The pad shows the newest request
    of its window, so this one replaces any still waiting there."""
    if not staff.has_role(Role.WINDOW_GENERALIST):
        raise Forbidden("role_required", _("Only a window generalist accepts applications."))
    if window.district_id != staff.district_id or not window.active:
        raise NotFound("window_not_found", _("No such window in this district."))
    if not text.strip():
        raise DomainError("commitment_required", _("Trust first needs the applicant's signed commitment."))
    now = clock.now()
    waiting = list(_waiting_on(window.district_id, window.pk).select_for_update())
    held = [
        w
        for w in waiting
        if w.requested_by_id != staff.pk and w.requested_at > now - timedelta(minutes=HOLD_MINUTES)
    ]
    if held:
        raise Conflict(
            "pad_busy",
            _(
                "Another window's staff member is waiting for an applicant to sign on this pad; choose your "
                "own window, or wait until they are done."
            ),
        )
    for replaced in waiting:
        _take_off(replaced, staff, now, "replaced")
    signature = CommitmentSignature.objects.create(
        district_id=staff.district_id,
        window=window,
        requested_by=staff,
        requested_at=clock.now(),
        version=version,
        applicant_number=applicant_number,
        text=text,
    )
    audit(
        district=staff.district,
        actor=staff,
        action="commitment.sign_requested",
        obj=signature,
        data={"window": window.pk, "item": version.item_id},
    )
    return signature


def _waiting_on(district_id, window_id):
    return CommitmentSignature.objects.filter(
        district_id=district_id,
        window_id=window_id,
        signed_at__isnull=True,
        cancelled_at__isnull=True,
        case__isnull=True,
        requested_at__gt=_lapse_before(),
    )


def _take_off(signature, staff, now, why: str) -> None:
    signature.cancelled_at = now
    signature.save(update_fields=["cancelled_at"])
    audit(
        district=staff.district,
        actor=staff,
        action="commitment.taken_off_pad",
        obj=signature,
        data={"window": signature.window_id, "why": why},
    )


def signature_waiting(pad) -> CommitmentSignature | None:
    """The commitment waiting for a signature on this pad's window, if any (the newest)."""
    return _waiting_on(pad.district_id, pad.window_id).order_by("-requested_at").first()


@transaction.atomic
def signature_cancel(*, staff, signature_id) -> CommitmentSignature:
    """The desk that asked takes its unsigned request off the pad (the applicant signs on paper, or leaves).
    Taking it off twice is the same as once."""
    signature = (
        CommitmentSignature.objects.select_for_update()
        .filter(pk=signature_id, district_id=staff.district_id, requested_by=staff)
        .first()
    )
    if signature is None:
        raise NotFound("signature_not_found", _("No such request for a signature from you."))
    if signature.signed_at is not None:
        raise Conflict("already_signed", _("This commitment is signed already."))
    if signature.cancelled_at is None:
        _take_off(signature, staff, clock.now(), "withdrawn")
    return signature


@transaction.atomic
def signature_sign(*, pad, signature_id: int, strokes) -> CommitmentSignature:
    """The applicant signed on the pad: the strokes and their digest are kept, once."""
    drawn = strokes_of(strokes)
    signature = (
        CommitmentSignature.objects.select_for_update()
        .filter(pk=signature_id, district_id=pad.district_id, window_id=pad.window_id)
        .first()
    )
    if signature is None:
        raise NotFound("signature_not_found", _("Nothing is waiting to be signed on this pad."))
    if signature.signed_at is not None:
        if signature.digest == digest_of(signature.text, drawn):  # the same signature sent again
            return signature
        raise Conflict("already_signed", _("This commitment is signed already."))
    waiting = signature_waiting(pad)
    if waiting is None or waiting.pk != signature.pk:  # lapsed, or replaced by a newer request
        raise Conflict(
            "signature_lapsed", _("This request lapsed; the window will show the commitment again.")
        )
    signature.strokes, signature.signed_at = drawn, clock.now()
    signature.digest = digest_of(signature.text, drawn)
    signature.save(update_fields=["strokes", "signed_at", "digest"])
    audit(
        district=pad.district,
        actor=None,
        action="commitment.signed_on_pad",
        obj=signature,
        data={"window": pad.window_id, "digest": signature.digest},
    )
    return signature


def signature_for_desk(*, staff, signature_id) -> CommitmentSignature | None:
    """The desk's own request (its district), to show whether it is signed yet."""
    return CommitmentSignature.objects.filter(pk=signature_id, district_id=staff.district_id).first()


def signature_take(*, district, signature_id, window, applicant_number: str, version, text: str):
    """Inside the acceptance's transaction, before the case is written: the signed commitment it records,
    locked until the case names it (no other case may use it). Refused unless it was signed in time, for this
    window, applicant, item and text."""
    signature = (
        CommitmentSignature.objects.select_for_update()
        .filter(pk=signature_id, district_id=district.pk)
        .first()
    )
    if signature is None or signature.signed_at is None:
        raise DomainError(
            "commitment_not_signed", _("The applicant has not signed the commitment on the pad yet.")
        )
    if signature.case_id is not None:
        raise Conflict("signature_used", _("This signature was given for another case."))
    if signature.requested_at <= _lapse_before():
        raise DomainError(
            "signature_lapsed", _("This request lapsed; the window will show the commitment again.")
        )
    same = (
        window is not None
        and signature.window_id == window.pk
        and signature.applicant_number == applicant_number
        and signature.version_id == version.pk
    )
    if not same:
        raise DomainError(
            "signature_mismatch", _("This signature was given for another applicant, item or window.")
        )
    if signature.text != text:
        raise DomainError(
            "commitment_changed",
            _(
                "The materials the commitment replaces changed: read the updated commitment to the "
                "applicant and have them sign it again."
            ),
        )
    return signature
