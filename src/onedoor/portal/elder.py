"""Elder mode (长辈版, 适老化): a switch on every citizen and kiosk page, remembered in a cookie. In elder mode
the pages use larger type (base 20 px, in rem so the browser's zoom still scales it), line spacing 1.6 and
paragraph spacing at least 1.3 times that, high contrast, and no timeouts (the kiosk does not reset by itself);
there are no pop-ups in either mode and colour is never the only signal."""

from __future__ import annotations

from django.shortcuts import redirect
from django.views.decorators.http import require_POST

COOKIE = "elder"


def elder_mode(request) -> dict:
    """Context processor: `elder` is True on every page when the switch is on."""
    return {"elder": request.COOKIES.get(COOKIE) == "1"}


@require_POST
def elder_switch(request):
    target = request.POST.get("next") or "/"
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = redirect(target)
    if request.POST.get("elder") == "1":
        response.set_cookie(COOKIE, "1", max_age=365 * 86400, samesite="Lax")
    else:
        response.delete_cookie(COOKIE)
    return response
