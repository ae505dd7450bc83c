"""The log's public face: the latest signed checkpoint and the verifier key, as plain text (c2sp.org formats).
A district is chosen with `?district=<code>` (default: the deployment's default district)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from onedoor.core.errors import NotFound
from onedoor.districts.selectors import district_by_code
from onedoor.ledger import services


def _district(request):
    try:
        return district_by_code(request.GET.get("district") or settings.DEFAULT_DISTRICT)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


def _text(body: str, max_age: int) -> HttpResponse:
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def checkpoint(request):
    """The newest checkpoint: signed now if entries came since the last one; with witnesses, the newest one
    they cosigned (the worker publishes them), never waiting on a witness here."""
    served = services.checkpoint_served(district=_district(request))
    if served is None:
        raise Http404(_("No checkpoint has been cosigned by the witnesses yet."))
    return _text(served.note, 5)


def key(request):
    return _text(services.signer(_district(request)).verifier.text() + "\n", 300)
