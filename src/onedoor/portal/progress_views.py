"""Public pages of the case spine: progress of a case (办件进度查询), certificate verification (证照核验) and
the certificate PDF.

Progress needs the case number and the last four characters of the applicant's number; a wrong tail looks
exactly like an unknown number ("no case matches"), and lookups are rate-limited per client address, as the
API's are. The district comes from the case number itself (it starts with the region code), so a QR code on a
receipt of any district lands on the right case.
"""

from __future__ import annotations

import json
import uuid

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from onedoor.cases import queues, selectors
from onedoor.cases.certificates import certificate_check, certificate_find
from onedoor.cases.models import Status
from onedoor.core import ratelimit
from onedoor.core.errors import NotFound
from onedoor.delivery.models import Delivery
from onedoor.documents import render_certificate

NUMBER_MAX = 32
STATUS_LABELS = dict(Status.choices)


@require_http_methods(["GET", "POST"])
def progress(request):
    source = request.POST if request.method == "POST" else request.GET
    number = (source.get("number") or "").strip().upper()[:NUMBER_MAX]
    context = {"number": number, "tail": ""}
    if request.method == "GET":
        return render(request, "portal/progress.html", context)
    tail = (request.POST.get("tail") or "").strip().upper()[:4]
    context["tail"] = tail
    if not ratelimit.progress_lookup_allowed(request):
        context["problem"] = _("Too many lookups from this address: wait a minute and try again.")
        return render(request, "portal/progress.html", context, status=429)
    case = selectors.case_public_by_number(number, tail)
    if case is None:
        context["problem"] = _("No case matches this number and applicant.")
        return render(request, "portal/progress.html", context, status=404)
    context["case"] = case
    context["steps"] = [
        {
            "label": queues.step_label(t.action),
            "at": t.at,
            "status": STATUS_LABELS.get(t.to_status, t.to_status),
        }
        for t in case.trail.order_by("seq").only("action", "at", "to_status")
    ]
    # Only what the page shows: the certificate's id (not its signed payload), the delivery's state.
    context["certificate"] = case.certificates.order_by("-issued_at").only("public_id").first()
    context["delivery"] = Delivery.objects.filter(case=case).first()
    response = render(request, "portal/progress.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _certificate(public_id: uuid.UUID):
    try:
        return certificate_find(public_id)
    except NotFound:
        raise Http404 from None


def verify(request, public_id: uuid.UUID):
    certificate = _certificate(public_id)
    check = certificate_check(certificate)
    context = {
        "check": check,
        "certificate": certificate,
        "payload_json": json.dumps(check["payload"], ensure_ascii=False, indent=2, sort_keys=True),
        "district_code": certificate.district.code,
        "keys_url": f"/api/v1/keys/{certificate.district.code}",
        "verify_api_url": f"/api/v1/certificates/{certificate.public_id}/verify",
    }
    return render(request, "portal/verify.html", context)


def certificate_pdf(request, public_id: uuid.UUID):
    certificate = _certificate(public_id)
    payload = certificate.payload
    verify_url = request.build_absolute_uri(reverse("certificate-verify", args=[certificate.public_id]))
    with translation.override("zh-hans"):
        fields = []
        if certificate.revoked_at:
            fields.append(
                (str(_("Status")), str(_("Revoked: %(reason)s") % {"reason": certificate.revoked_reason}))
            )
        data = {
            "district": certificate.district.name,
            "title": certificate.title,
            "certificate_id": str(certificate.public_id),
            "holder_name": payload["holder"]["name"],
            "holder_id": payload["holder"]["number"],
            "item": payload["item"]["name"],
            "department": payload["issuer"],
            "issued_on": certificate.issued_at,
            "fields": fields,
            "verify_url": verify_url,
            "receipt_url": request.build_absolute_uri(
                f"/ledger/receipt/{certificate.ledger_index}?district={certificate.district.code}"
            )
            if certificate.ledger_index is not None
            else "",
            "key_id": certificate.key_id,
            "signature": certificate.signature,
        }
    response = HttpResponse(render_certificate(data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.public_id}.pdf"'
    return response
