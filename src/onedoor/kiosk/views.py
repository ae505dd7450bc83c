"""The kiosk's pages at /kiosk/: full screen, large touch targets, the ID-card reader as a keyboard wedge (it
types the number and Enter into the focused field). Take a ticket, check in an appointment, finish a
self-service item and print its certificate, see one's cases, fill and print an application form, and
file a complaint or consultation. The
session forgets the person at "Finish" and, after a visible warning, when nobody touches the screen
(kiosk.js; not in elder mode, which has no timeouts)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from onedoor.appointments.services import appointment_check_in
from onedoor.cases.models import Case
from onedoor.catalog import selectors as catalog_selectors
from onedoor.complaints import rules as complaint_rules
from onedoor.complaints import services as complaint_services
from onedoor.complaints import views as complaint_views
from onedoor.core.errors import DomainError
from onedoor.districts.models import Centre
from onedoor.districts.selectors import district_by_code
from onedoor.kiosk import services
from onedoor.people.masking import mask_name, mask_number
from onedoor.people.models import Person
from onedoor.portal.elder import COOKIE as ELDER_COOKIE
from onedoor.tickets.models import Kind, Source, Ticket
from onedoor.tickets.selectors import ahead_of
from onedoor.tickets.services import ticket_take

SESSION = "kiosk"
CENTRE_COOKIE = "kiosk_centre"
PRIORITY_REASONS = {"elderly": _("elderly (65+)"), "disabled": _("disabled"), "pregnant": _("pregnant")}


def _centre(request) -> Centre:
    """The kiosk's centre: `?centre=<code>` once (kept in a cookie), else the default district's hall."""
    code = request.GET.get("centre") or request.COOKIES.get(CENTRE_COOKIE)
    district = district_by_code(settings.DEFAULT_DISTRICT)
    centres = Centre.objects.filter(district=district).select_related("district")
    centre = centres.filter(code=code).first() if code else None
    return centre or centres.filter(parent__isnull=True).order_by("id").first()


def _person(request, centre) -> Person | None:
    pk = (request.session.get(SESSION) or {}).get("person")
    return Person.objects.filter(pk=pk, district=centre.district).first() if pk else None


def _render(request, template: str, context: dict, status: int = 200):
    centre = context.get("centre") or _centre(request)
    person = context.get("person", _person(request, centre))
    context.update(
        {
            "centre": centre,
            "person": person,
            "who": f"{mask_name(person.name)} {mask_number(person.id_number)}" if person else "",
            "idle_seconds": settings.ONEDOOR_KIOSK_IDLE_SECONDS,
            "warning_seconds": settings.ONEDOOR_KIOSK_WARNING_SECONDS,
        }
    )
    response = render(request, template, context, status=status)
    response.set_cookie(CENTRE_COOKIE, centre.code, max_age=365 * 86400, samesite="Lax")
    response["Cache-Control"] = "no-store"
    return response


def _needs_person(request, centre, next_name: str):
    person = _person(request, centre)
    if person is None:
        messages.info(request, _("Place your ID card on the reader first."))
        request.session["kiosk_next"] = next_name
        return None, redirect("kiosk-home")
    return person, None


def home(request):
    return _render(request, "kiosk/home.html", {"centre": _centre(request)})


@require_POST
def identify(request):
    centre = _centre(request)
    try:
        person = services.kiosk_identify(centre=centre, number=request.POST.get("number", ""))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("kiosk-home")
    request.session.cycle_key()
    request.session[SESSION] = {"person": person.pk}
    return redirect(request.session.pop("kiosk_next", "kiosk-home"))


@require_POST
def finish(request):
    request.session.flush()  # forget the person and anything they did here
    response = redirect("kiosk-home")
    response.delete_cookie(ELDER_COOKIE)  # the next person starts with the standard version (and its timeout)
    return response


@require_http_methods(["GET", "POST"])
def take_ticket(request):
    centre = _centre(request)
    if request.method == "POST":
        reason = request.POST.get("priority", "")
        kind = Kind.PRIORITY if reason in PRIORITY_REASONS else Kind.WALK_IN
        try:
            ticket, _created = ticket_take(
                centre=centre,
                kind=kind,
                source=Source.KIOSK,
                priority_reason=str(PRIORITY_REASONS.get(reason, "")),
                key=request.POST.get("key") or None,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            return redirect("kiosk-ticket-shown", number=ticket.number)
    return _render(
        request,
        "kiosk/ticket_take.html",
        {"reasons": PRIORITY_REASONS, "key": uuid.uuid4().hex, "centre": centre},
    )


def ticket_shown(request, number: str):
    centre = _centre(request)
    ticket = (
        Ticket.objects.filter(centre=centre, number=number)
        .order_by("-day", "-taken_at")
        .select_related("centre")
        .first()
    )
    if ticket is None:
        raise Http404
    return _render(
        request, "kiosk/ticket.html", {"ticket": ticket, "ahead": ahead_of(ticket), "centre": centre}
    )


@require_http_methods(["GET", "POST"])
def check_in(request):
    centre = _centre(request)
    if request.method == "POST":
        try:
            appointment = appointment_check_in(
                district=centre.district, number=request.POST.get("number", ""), source=Source.APPOINTMENT
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            return redirect("kiosk-ticket-shown", number=appointment.ticket.number)
    return _render(request, "kiosk/check_in.html", {"centre": centre})


@require_http_methods(["GET", "POST"])
def self_service(request):
    centre = _centre(request)
    person, away = _needs_person(request, centre, "kiosk-self-service")
    if away:
        return away
    if request.method == "POST":
        try:
            done = services.self_service(
                centre=centre,
                person=person,
                item_code=request.POST.get("item", ""),
                key=request.POST.get("key", ""),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            return redirect("kiosk-done", number=done.case.number)
    return _render(
        request,
        "kiosk/self_service.html",
        {
            "rows": services.self_service_items(person),
            "key": uuid.uuid4().hex,
            "centre": centre,
            "person": person,
        },
    )


def done(request, number: str):
    centre = _centre(request)
    person, away = _needs_person(request, centre, "kiosk-progress")
    if away:
        return away
    case = (
        Case.objects.filter(district=centre.district, person=person, number=number)
        .select_related("version")
        .first()
    )
    if case is None:
        raise Http404
    certificate = case.certificates.order_by("-issued_at").first()
    return _render(
        request,
        "kiosk/done.html",
        {"case": case, "certificate": certificate, "centre": centre, "person": person},
    )


def progress(request):
    centre = _centre(request)
    person, away = _needs_person(request, centre, "kiosk-progress")
    if away:
        return away
    cases = list(
        Case.objects.filter(district=centre.district, person=person)
        .select_related("version")
        .prefetch_related("certificates")
        .order_by("-accepted_at")[:30]
    )
    return _render(request, "kiosk/progress.html", {"cases": cases, "centre": centre, "person": person})


def forms(request):
    """自助填表: find the item, then its application form prefilled with what the district knows, to print."""
    centre = _centre(request)
    person, away = _needs_person(request, centre, "kiosk-forms")
    if away:
        return away
    q = (request.GET.get("q") or "").strip()[:40]
    code = (request.GET.get("item") or "").strip()[:40]
    context = {"q": q, "centre": centre, "person": person}
    if code:
        try:
            context["version"] = catalog_selectors.item_detail(centre.district, code)
        except DomainError as error:
            messages.error(request, error.message)
    elif q:
        versions = catalog_selectors.published_versions(centre.district).filter(
            name__icontains=q, item__subject="person"
        )
        context["results"] = list(versions.select_related("item").order_by("item__code")[:12])
    return _render(request, "kiosk/forms.html", context)


@require_http_methods(["GET", "POST"])
def complaint(request):
    """投诉咨询 at the kiosk: the person the card reader identified files a complaint or consultation (channel
    kiosk, linked to this centre); the number to follow it online or here comes back on screen."""
    centre = _centre(request)
    person, away = _needs_person(request, centre, "kiosk-complaint")
    if away:
        return away
    error, values = None, {}
    if request.method == "POST":
        values = {f: request.POST.get(f, "") for f in complaint_views.FORM_FIELDS}
        try:
            result = complaint_services.complaint_submit(
                district=centre.district,
                channel=complaint_rules.KIOSK,
                person=person,
                centre_code=centre.code,
                **complaint_views.submit_args(request.POST),
            )
        except DomainError as refused:
            error = refused.message
        else:
            return _render(request, "kiosk/complaint_done.html", {"complaint": result.complaint})
    context = {"error": error, "values": values, "key": uuid.uuid4().hex, **complaint_views.choices()}
    return _render(request, "kiosk/complaint.html", context, status=400 if error else 200)
