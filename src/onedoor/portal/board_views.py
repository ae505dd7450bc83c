"""The centre's display board (叫号屏): a public, full-screen page with the latest calls in large numbers and
how many wait, refreshing itself every 3 seconds from the board API. Ticket numbers and windows only."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from onedoor.core.errors import NotFound
from onedoor.districts.models import Centre
from onedoor.districts.selectors import district_by_code
from onedoor.tickets import selectors


def board(request, district_code: str, centre_code: str):
    try:
        centre = Centre.objects.get(district=district_by_code(district_code), code=centre_code)
    except (Centre.DoesNotExist, NotFound):
        raise Http404 from None
    labels = {
        "window": _("Window %s"),
        "none": _("No ticket called yet today."),
        "waiting": _("Waiting: walk-in %a · appointment %b · priority %v"),
        "updated": _("Updated"),
    }
    return render(
        request,
        "portal/board.html",
        {
            "centre": centre,
            "state": selectors.board(centre),
            "labels": labels,
            "api": reverse("api-v1:board_state", args=[district_code, centre_code]),
        },
    )
