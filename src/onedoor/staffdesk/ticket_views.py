"""The window's queue console (取号叫号) and the capacity planner.

Console: the window generalist picks their window (remembered with the front desk's), calls the next ticket
of the centre's one pooled queue, recalls, skips, finishes or transfers it; reception takes tickets for
walk-ins and priority visitors. Each call form carries its own idempotency key, so a double click never calls
two tickets. Planner: Erlang C for N windows from the centre's recorded tickets (or typed figures), the
windows needed for a target wait, and one pooled queue against per-department queues."""

from __future__ import annotations

import math
import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from onedoor.catalog.models import Item
from onedoor.core.errors import DomainError
from onedoor.districts.models import Centre, Role
from onedoor.tickets import planning, selectors, services
from onedoor.tickets.models import Kind, Source

WINDOW_SESSION = "desk_window"  # shared with the front desk's acceptance form
ACTIONS = ("call", "recall", "skip", "finish", "transfer")


def _centre(request) -> Centre:
    staff = request.user
    if staff.district_id is None or staff.centre_id is None:
        raise PermissionDenied(_("Your account belongs to no service centre."))
    if not staff.role_set() & {Role.WINDOW_GENERALIST, Role.CHIEF_REPRESENTATIVE}:
        raise PermissionDenied(_("Only window staff work the queue."))
    return Centre.objects.select_related("district").get(pk=staff.centre_id)


class TakeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.WALK_IN)
    priority_reason = forms.CharField(label=_("Priority reason"), max_length=40, required=False)
    item_code = forms.CharField(label=_("Item code (optional)"), max_length=40, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def console(request):
    centre = _centre(request)
    windows = selectors.windows_of(centre)
    chosen = request.POST.get("window") or request.GET.get("window") or request.session.get(WINDOW_SESSION)
    window = next((w for w in windows if str(w.pk) == str(chosen)), None)
    if window is not None:
        request.session[WINDOW_SESSION] = str(window.pk)
    take_form = TakeForm()
    if request.method == "POST":
        try:
            _act(request, centre, window)
            return redirect("staff-tickets")
        except DomainError as error:
            messages.error(request, error.message)
            if request.POST.get("action") != "take":
                return redirect("staff-tickets")
            take_form = TakeForm(request.POST)  # shown again as typed, to put right
    current = services.current_at(window) if window else None
    return render(
        request,
        "staffdesk/tickets.html",
        {
            "centre": centre,
            "windows": windows,
            "window": window,
            "current": current,
            "waiting": selectors.waiting_list(centre),
            "board": selectors.board(centre),
            "take_form": take_form,
            "call_key": uuid.uuid4().hex,
        },
    )


def _act(request, centre: Centre, window) -> None:
    action, staff = request.POST.get("action", ""), request.user
    if action == "take":
        form = TakeForm(request.POST)
        if not form.is_valid():
            raise DomainError("bad_input", _("Check the ticket form."))
        item = None
        if form.cleaned_data["item_code"]:
            item = Item.objects.filter(
                district_id=centre.district_id, code=form.cleaned_data["item_code"]
            ).first()
            if item is None:
                raise DomainError("no_item", _("No such item in your district."))
        ticket, _created = services.ticket_take(
            centre=centre,
            kind=form.cleaned_data["kind"],
            source=Source.STAFF,
            item=item,
            priority_reason=form.cleaned_data["priority_reason"],
            actor=staff,
            key=request.POST.get("key") or None,
        )
        messages.success(request, _("Ticket %(number)s taken.") % {"number": ticket.number})
        return
    if action not in ACTIONS:
        raise DomainError("unknown_action", _("Unknown action."))
    if window is None:
        raise DomainError("no_window", _("Choose your window first."))
    window = services.window_of(staff=staff, centre_code=centre.code, number=window.number)
    if action == "call":
        ticket = services.ticket_call_next(staff=staff, window=window, key=request.POST.get("key") or None)
        if ticket is None:
            messages.info(request, _("Nobody is waiting."))
        else:
            messages.success(
                request,
                _("%(number)s called to window %(window)s.")
                % {"number": ticket.number, "window": window.number},
            )
    elif action == "recall":
        ticket = services.ticket_recall(staff=staff, window=window)
        messages.success(request, _("%(number)s called again.") % {"number": ticket.number})
    elif action in ("skip", "finish"):
        ticket = services.ticket_finish(staff=staff, window=window, skipped=action == "skip")
        done = _("%(number)s skipped.") if action == "skip" else _("%(number)s served.")
        messages.success(request, done % {"number": ticket.number})
    else:
        ticket = services.ticket_transfer(
            staff=staff,
            window=window,
            to_number=request.POST.get("to_window", ""),
            reason=request.POST.get("reason", ""),
        )
        messages.success(
            request,
            _("%(number)s sent to window %(window)s.")
            % {"number": ticket.number, "window": ticket.target_window.number},
        )


class PlannerForm(forms.Form):
    arrivals_per_hour = forms.FloatField(label=_("Arrivals per hour"), min_value=0, max_value=10_000)
    service_minutes = forms.FloatField(label=_("Mean service time (minutes)"), min_value=0.1, max_value=600)
    windows = forms.IntegerField(label=_("Windows open"), min_value=1, max_value=200)
    target_minutes = forms.FloatField(label=_("Target mean wait (minutes)"), min_value=0, max_value=600)


def _minutes(value: float) -> str:
    return "∞" if math.isinf(value) else f"{value:.1f}"


@login_required
def planner(request):
    centre = _centre(request)
    recorded = selectors.figures(centre)
    initial = {
        "arrivals_per_hour": recorded.arrivals_per_hour or 30.0,
        "service_minutes": recorded.service_minutes or 8.0,
        "windows": max(1, round(recorded.windows or len(selectors.windows_of(centre)) or 1)),
        "target_minutes": 10.0,
    }
    form = PlannerForm(request.GET or None, initial=initial)
    figures = form.cleaned_data if form.is_valid() else (initial if not request.GET else None)
    result = None
    if figures:
        lam, service, n = figures["arrivals_per_hour"], figures["service_minutes"], figures["windows"]
        wait = planning.mean_wait_minutes(lam, service, n)
        load = lam * service / 60
        result = {
            "load": f"{load:.2f}",
            "utilisation": f"{min(load / n, 1) * 100:.0f}",
            "p_wait": f"{planning.erlang_c(n, load) * 100:.0f}",
            "wait": _minutes(wait),
            "needed": planning.windows_for(lam, service, figures["target_minutes"]),
            "table": [
                (k, _minutes(planning.mean_wait_minutes(lam, service, k)))
                for k in range(max(1, n - 3), n + 4)
            ],
        }
        known = sum(recorded.by_department.values())
        streams = [
            planning.Stream(name, lam * count / known) for name, count in recorded.by_department.items()
        ]
        if streams and lam > 0:
            result["comparison"] = _comparison(streams, service, n, wait)
    return render(
        request,
        "staffdesk/ticket_planner.html",
        {"centre": centre, "form": form, "recorded": recorded, "result": result},
    )


def _comparison(streams: list, service: float, n: int, pooled_wait: float) -> dict:
    """One pooled queue against a queue per department: at the same windows (when there are at least as many
    windows as departments), and how many windows per-department queues need for the pooled queue's wait."""
    comparison = {"pooled": _minutes(pooled_wait), "departments": len(streams), "split": None, "rows": []}
    if len(streams) <= n:
        split = planning.compare(streams, service, n)
        comparison["split"] = _minutes(split.split_wait)
        comparison["rows"] = [(name, k, _minutes(w)) for name, k, w in split.split]
    comparison["needed"] = (
        None
        if math.isinf(pooled_wait)
        else next(
            (
                m
                for m in range(max(n, len(streams)), 6 * n + len(streams))
                if planning.compare(streams, service, m).split_wait <= pooled_wait
            ),
            None,
        )
    )
    return comparison
