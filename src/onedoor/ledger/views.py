"""The log's public face: the latest signed checkpoint and the verifier key, as plain text (c2sp.org formats),
the tiles and entry bundles (c2sp.org/tlog-tiles) and entries' public receipts (c2sp.org/tlog-proof).
A district is chosen with `?district=<code>` (default: the deployment's default district)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from onedoor.core.errors import NotFound
from onedoor.districts.selectors import district_by_code
from onedoor.ledger import services, tiles
from onedoor.ledger.models import LedgerEntry


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


IMMUTABLE = "public, max-age=31536000, immutable"


def tile(request, path: str):
    """A tile `<L>/<N>[.p/<W>]` or entry bundle `entries/<N>[.p/<W>]`; 404 for any other spelling, a tile
    beyond the newest checkpoint, or a partial tile of no checkpointed size."""
    try:
        wanted = tiles.parse_path(path)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    district = _district(request)
    if not tiles.servable(district, wanted):
        raise Http404(_("No such tile in the published log."))
    response = HttpResponse(tiles.content(district, wanted), content_type="application/octet-stream")
    response["Cache-Control"] = "public, max-age=60" if wanted.partial else IMMUTABLE
    return response


def receipt(request, index: int):
    """The entry's public receipt (c2sp.org/tlog-proof@v1, without the private record) against the newest
    checkpoint that includes it."""
    district = _district(request)
    if not LedgerEntry.objects.filter(district=district, index=index).exists():
        raise Http404(_("No such entry in the log."))
    text = services.entry_receipt(district=district, index=index)
    if text is None:
        return HttpResponse(
            _("No published checkpoint includes this entry yet; try again shortly."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    response = _text(text, 5)
    name = services.origin(district).replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}-{index}.tlog-proof"'
    return response
