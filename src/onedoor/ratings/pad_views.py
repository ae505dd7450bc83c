"""The window's rating pad (评价器) at /rate/window/<centre>/<window>/: the second screen facing the visitor.

Pairing: a window's generalist (or the centre's chief representative, or a district admin) logs in on the pad's
browser once, opens …/pair/ and confirms. The pad gets a secret in an HttpOnly, SameSite=Strict cookie
limited to /rate/ (only its SHA-256 is stored), and the staff session on that browser is ended, so the
visitor-facing screen holds no staff login. Pairing again, from any browser, replaces the window's pad.
Only a browser holding the window's current secret sees the pad and submits ratings for that window's
visits; native pad apps get the secret from POST /api/v1/ratings/pads/<centre>/<window> instead.

Flow: a welcome screen that reloads every few seconds; when the window has just served a visit, the five
big buttons (非常满意 … 非常不满意); then sub-scores, reasons and a comment; then thanks, and back.

The same screen takes the applicant's handwritten signature of a trust-first commitment (告知承诺) when the
window's desk shows one there (cases/signatures.py): the text, a box to sign in, and "I promise"; it comes
before any rating."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from onedoor.cases import signatures
from onedoor.core.errors import Conflict, DomainError
from onedoor.core.numbers import ascii_int
from onedoor.districts.models import Window
from onedoor.ratings import forms, rules, selectors, services
from onedoor.tickets.models import Ticket, TicketStatus

COOKIE = "rating_pad"
COOKIE_PATH = "/rate/"
WELCOME_REFRESH_SECONDS = 4
ASK_REFRESH_SECONDS = 60
THANKS_SECONDS = 5
SIGN_REFRESH_SECONDS = 600  # long: a reload would wipe a signature being drawn


def _render(request, template: str, context: dict, status: int = 200):
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _pad(request, centre: str, window: str):
    pad = services.pad_authenticate(request.COOKIES.get(COOKIE))
    if pad is None or pad.window.centre.code != centre or pad.window.number != window:
        return None
    return pad


@require_http_methods(["GET", "POST"])
def pad(request, centre: str, window: str):
    found = _pad(request, centre, window)
    if found is None:
        context = {"centre_code": centre, "window_number": window}
        return _render(request, "ratings/pad_unpaired.html", context, status=403)
    base = {"pad": found, "window": found.window, "centre": found.window.centre}
    if request.method == "POST" and "commitment" in request.POST:
        return _sign(request, found, base)
    if request.method == "POST":
        return _submit(request, found, base)
    waiting = signatures.signature_waiting(found)  # a commitment to sign comes before a rating
    if waiting is not None:
        return _render(
            request, "ratings/pad_sign.html", {**base, "signature": waiting, "refresh": SIGN_REFRESH_SECONDS}
        )
    level = forms.level_of(request.GET.get("level"))
    ticket = _served(found, request.GET.get("ticket"))
    if level and ticket:
        context = {**base, **forms.choices(rules.WINDOW, level), "ticket": ticket, "key": uuid.uuid4().hex}
        return _render(request, "ratings/pad_details.html", {**context, "refresh": ASK_REFRESH_SECONDS})
    offer = selectors.pad_offer(found)
    if offer is None:
        return _render(request, "ratings/pad_welcome.html", {**base, "refresh": WELCOME_REFRESH_SECONDS})
    scale = [(n, rules.LEVELS[n]) for n in (5, 4, 3, 2, 1)]
    context = {**base, "ticket": offer, "scale": scale, "refresh": ASK_REFRESH_SECONDS}
    return _render(request, "ratings/pad_ask.html", context)


def _served(pad, ticket_id) -> Ticket | None:
    pk = ascii_int(ticket_id)
    if pk is None:
        return None
    return Ticket.objects.filter(pk=pk, window_id=pad.window_id, status=TicketStatus.DONE).first()


def _submit(request, pad, base):
    data = forms.details(request.POST, rules.WINDOW)
    ticket = _served(pad, request.POST.get("ticket"))
    try:
        if ticket is None:
            raise Http404
        services.rating_for_visit(pad=pad, ticket_id=ticket.pk, key=request.POST.get("key", ""), **data)
    except Conflict:  # rated already (a double tap) or too late: either way, this visitor is done
        pass
    except DomainError as error:
        level = data["level"] if data["level"] in rules.LEVELS else 3
        context = {**base, **forms.choices(rules.WINDOW, level), "ticket": ticket, "error": error.message}
        context.update({"key": request.POST.get("key", ""), "chosen": data, "refresh": ASK_REFRESH_SECONDS})
        return _render(request, "ratings/pad_details.html", context, status=error.status)
    return _render(request, "ratings/pad_thanks.html", {**base, "refresh": THANKS_SECONDS})


def _sign(request, pad, base):
    """The applicant signed the commitment shown (cases/signatures.py); the window's desk then accepts."""
    signature_id = ascii_int(request.POST.get("commitment"))
    try:
        if signature_id is None:
            raise Http404
        signatures.signature_sign(pad=pad, signature_id=signature_id, strokes=request.POST.get("strokes", ""))
    except Conflict:  # signed already (a double tap), lapsed or replaced: the pad moves on
        return redirect("rating-pad", centre=pad.window.centre.code, window=pad.window.number)
    except DomainError as error:
        waiting = signatures.signature_waiting(pad)
        if waiting is None:
            return redirect("rating-pad", centre=pad.window.centre.code, window=pad.window.number)
        context = {**base, "signature": waiting, "error": error.message, "refresh": SIGN_REFRESH_SECONDS}
        return _render(request, "ratings/pad_sign.html", context, status=error.status)
    return _render(request, "ratings/pad_signed.html", {**base, "refresh": THANKS_SECONDS})


@login_required
@require_http_methods(["GET", "POST"])
def pair(request, centre: str, window: str):
    staff = request.user
    found = (
        Window.objects.select_related("centre", "district")
        .filter(district_id=staff.district_id, centre__code=centre, number=window, active=True)
        .first()
    )
    if found is None:
        raise Http404
    if request.method == "GET":
        return _render(request, "ratings/pad_pair.html", {"window": found, "centre": found.centre})
    try:
        _pad, secret = services.pad_pair(staff=staff, window=found)
    except DomainError as error:
        raise PermissionDenied(error.message) from None
    logout(request)  # the visitor-facing screen keeps no staff session
    response = redirect("rating-pad", centre=centre, window=window)
    response.set_cookie(
        COOKIE,
        secret,
        max_age=5 * 365 * 86400,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
