"""The citizen's credit page (我的信用): their level under the versioned rule, every record with its ledger
entry, a tlog-proof receipt of each of their own records (carrying the committed record, so it proves to anyone
holding the district's log key what was recorded about them), and an appeal against a record. When acting for
an enterprise, the enterprise's credit too."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from onedoor.citizens.views import acting_enterprise, current
from onedoor.core.audit import audit
from onedoor.core.errors import DomainError
from onedoor.ledger import services as ledger
from onedoor.people.credit import credit_profile
from onedoor.people.credit_appeals import credit_appeal_file
from onedoor.people.masking import mask_number
from onedoor.people.models import CreditRecord, Person


def _citizen(request):
    citizen = current(request)
    if citizen is None:
        return None, None
    return citizen, Person.objects.select_related("district").get(pk=citizen["person"])


def _own_record(person, enterprise, pk) -> CreditRecord:
    """The record, when it is the citizen's own or the enterprise's they act for now; 404 otherwise."""
    record = CreditRecord.objects.filter(district_id=person.district_id, pk=pk).first()
    mine = record is not None and (
        record.person_id == person.pk or (enterprise is not None and record.enterprise_id == enterprise.pk)
    )
    if not mine:
        raise Http404(_("You have no such credit record."))
    return record


def _page(request, citizen, person, enterprise, status=200, error=None):
    sections = [("person", person.name, credit_profile(district=person.district, person=person))]
    if enterprise is not None:
        sections.append(
            ("enterprise", enterprise.name, credit_profile(district=person.district, enterprise=enterprise))
        )
    context = {
        "citizen": citizen,
        "number": mask_number(person.id_number),
        "enterprise": enterprise,
        "sections": sections,
        "error": error,
    }
    return render(request, "citizens/credit.html", context, status=status)


@require_GET
def credit_page(request):
    citizen, person = _citizen(request)
    if person is None:
        return redirect(f"{reverse('citizen-login')}?next={reverse('citizen-credit')}")
    return _page(request, citizen, person, acting_enterprise(request))


@require_GET
def credit_receipt(request, pk: int):
    _citizen_entry, person = _citizen(request)
    if person is None:
        raise Http404
    record = _own_record(person, acting_enterprise(request), pk)
    receipt = None
    if record.ledger_index is not None:
        receipt = ledger.entry_receipt(district=person.district, index=record.ledger_index, with_opening=True)
    if receipt is None:
        messages.warning(
            request,
            _(
                "No signed checkpoint covers this record's ledger entry yet; its receipt can be downloaded later."
            )
            if record.ledger_index is not None
            else _("This record was made before the ledger and has no receipt."),
        )
        return redirect("citizen-credit")
    # The receipt carries the committed record (the holder's number and name): the download is logged.
    audit(
        district=person.district,
        actor=None,
        action="credit.receipt_downloaded",
        obj=record,
        data={"person": person.pk, "ledger_index": record.ledger_index},
    )
    response = HttpResponse(receipt, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="credit-{record.ledger_index}.tlog-proof"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def credit_appeal(request, pk: int):
    citizen, person = _citizen(request)
    if person is None:
        return redirect(f"{reverse('citizen-login')}?next={reverse('citizen-credit')}")
    enterprise = acting_enterprise(request)
    record = _own_record(person, enterprise, pk)
    try:
        credit_appeal_file(
            person=person,
            record_id=record.pk,
            reasons=request.POST.get("reasons", ""),
            enterprise=enterprise if record.enterprise_id else None,
        )
    except DomainError as error:
        return _page(request, citizen, person, enterprise, status=error.status, error=error.message)
    messages.success(request, _("Your appeal was filed. A supervisor will decide it and give the reason."))
    return redirect(f"{reverse('citizen-credit')}#record-{record.pk}")
