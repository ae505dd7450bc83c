"""The log's public face: the latest signed checkpoint and the verifier key, as plain text (c2sp.org formats).
A district is chosen with `?district=<code>` (default: the deployment's default district)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse

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
    """The newest checkpoint, signed now if entries came since the last one."""
    return _text(services.checkpoint_publish(district=_district(request)).note, 5)


def key(request):
    return _text(services.signer(_district(request)).verifier.text() + "\n", 300)
