"""Citizen login through the provincial identity provider, logout, and "My cases" (我的办件)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from onedoor.applications.models import Application
from onedoor.cases.models import Case
from onedoor.citizens import oidc
from onedoor.citizens.services import act_for, acting_choices, citizen_login
from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code
from onedoor.notifications.models import Notification
from onedoor.people.masking import mask_number
from onedoor.people.models import Enterprise, Person

logger = logging.getLogger("onedoor.citizens")
SESSION = "citizen"
LEVELS = {
    2: _("L2 self-declared"),
    3: _("L3 checked by a bank card or mobile operator"),
    4: _("L4 checked by face"),
    5: _("L5 certificate or counter check"),
}


def current(request) -> dict | None:
    return request.session.get(SESSION)


def login(request):
    if not oidc.configured():
        return render(request, "citizens/unavailable.html", status=503)
    request.session["citizen_next"] = request.GET.get("next") or reverse("citizen-cases")
    return oidc.client().authorize_redirect(request, request.build_absolute_uri(reverse("citizen-callback")))


def callback(request):
    if not oidc.configured():
        return render(request, "citizens/unavailable.html", status=503)
    try:
        token = oidc.client().authorize_access_token(request)
        claims = token.get("userinfo") or {}
        login = citizen_login(
            district=district_by_code(settings.DEFAULT_DISTRICT),
            issuer=str(claims.get("iss", "")),
            subject=str(claims.get("sub", "")),
            id_number=str(claims.get("id_number", "")),
            name=str(claims.get("name", "")),
            level=oidc.level_of(claims),
            enterprises=oidc.enterprises_of(claims),
        )
    except DomainError as error:
        logger.warning("citizen login refused: %s", error.code)
        messages.error(request, error.message)
        return redirect("portal-home")
    except Exception as exc:  # the provider refused, the state did not match, the token did not verify
        logger.warning("citizen login failed: %s: %s", type(exc).__name__, exc)
        messages.error(request, _("The login did not complete. Please try again."))
        return redirect("portal-home")
    next_url = request.session.pop("citizen_next", reverse("citizen-cases"))
    request.session.cycle_key()  # a new session id for the logged-in citizen
    request.session[SESSION] = {
        "person": login.person_id,
        "level": login.level,
        "name": login.person.name,
        "enterprises": acting_choices(login.enterprises, login.person.district),
        "acting": None,  # an enterprise the person acts for, chosen on "My cases"
    }
    return HttpResponseRedirect(next_url if next_url.startswith("/") else reverse("citizen-cases"))


@require_POST
def logout(request):
    request.session.pop(SESSION, None)
    request.session.cycle_key()
    return redirect("portal-home")


def acting_enterprise(request):
    """The enterprise the logged-in citizen acts for now (re-read from the register), or None."""
    citizen = current(request) or {}
    acting = citizen.get("acting")
    if not acting:
        return None
    return Enterprise.objects.filter(pk=acting["id"], uscc=acting["uscc"]).first()


@require_POST
def choose_acting(request):
    """Act for oneself or for one of the enterprises the provider vouched for (法人办事)."""
    citizen = current(request)
    if citizen is None:
        return redirect("citizen-login")
    person = Person.objects.select_related("district").get(pk=citizen["person"])
    try:
        chosen = act_for(
            person=person,
            choices=citizen.get("enterprises", []),
            enterprise_id=request.POST.get("enterprise"),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("citizen-cases")
    citizen["acting"] = chosen
    request.session[SESSION] = citizen
    if chosen:
        messages.success(request, _("You now act for %(name)s.") % {"name": chosen["name"]})
    else:
        messages.success(request, _("You now act for yourself."))
    return redirect("citizen-cases")


def my_cases(request):
    citizen = current(request)
    if citizen is None:
        return redirect(f"{reverse('citizen-login')}?next={reverse('citizen-cases')}")
    person = Person.objects.get(pk=citizen["person"])
    enterprise = acting_enterprise(request)
    holder = {"enterprise": enterprise} if enterprise else {"person": person}
    cases = list(
        Case.objects.filter(district_id=person.district_id, **holder)
        .select_related("version", "delivery")
        .prefetch_related("certificates")
        .order_by("-accepted_at")[:100]
    )
    applications = list(
        Application.objects.filter(person=person, enterprise=enterprise)
        .select_related("version", "case")
        .order_by("-created_at")[:50]
    )
    notes = list(Notification.objects.filter(person=person).order_by("-created_at", "-id")[:20])
    return render(
        request,
        "citizens/my_cases.html",
        {
            "applications": applications,
            "notes": notes,
            "citizen": citizen,
            "enterprise": enterprise,
            "level": LEVELS.get(citizen["level"], ""),
            "number": mask_number(person.id_number),
            "cases": cases,
        },
    )
