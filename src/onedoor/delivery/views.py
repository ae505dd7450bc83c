"""The "Result delivery" section of the staff case page: choose pickup or express (with the address), record
the dispatch (carrier and tracking number), record the handover."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from onedoor.core.errors import DomainError
from onedoor.delivery import services


@login_required
@require_POST
def delivery_action(request, number: str):
    action, post, staff = request.POST.get("action"), request.POST, request.user
    try:
        if action == "choose":
            services.delivery_choose_by_staff(
                staff=staff,
                number=number,
                method=post.get("method", ""),
                recipient=post.get("recipient", ""),
                phone=post.get("phone", ""),
                address=post.get("address", ""),
            )
            messages.success(request, _("Delivery method recorded."))
        elif action == "dispatch":
            services.delivery_dispatch(
                staff=staff,
                number=number,
                carrier=post.get("carrier", ""),
                tracking_number=post.get("tracking", ""),
            )
            messages.success(request, _("Dispatch recorded; the applicant gets the tracking number by SMS."))
        elif action == "hand_over":
            services.delivery_hand_over(staff=staff, number=number)
            messages.success(request, _("Handover recorded."))
        else:
            raise DomainError("unknown_action", _("Unknown action."))
    except DomainError as error:
        fields = (error.details.get("fields") or {}).values()
        messages.error(request, " ".join([str(error.message), *fields]))
    return redirect(f"/staff/cases/{number}/#case-delivery")
