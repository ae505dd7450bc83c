"""Credit appeals for supervisors (信用异议处理): the district's open appeals, holders masked, each with the
record it is against and the holder's reasons, and the decision (upheld or rejected) with a required reason.
The decision appends to the ledger and the audit log; the credit record itself is never edited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.people.credit import reason_label
from onedoor.people.credit_appeals import credit_appeal_decide, decided_appeals, open_appeals
from onedoor.people.masking import mask_name, mask_number

OUTCOMES = {"upheld": True, "rejected": False}


def _holder(record) -> tuple[str, str]:
    """(masked number, shown name) of a record's holder: a person's name masked, an enterprise's in full."""
    if record.person_id:
        return mask_number(record.person.id_number), mask_name(record.person.name)
    return mask_number(record.enterprise.uscc), record.enterprise.name


def _row(appeal) -> dict:
    number, name = _holder(appeal.record)
    return {
        "appeal": appeal,
        "record": appeal.record,
        "label": reason_label(appeal.record),
        "number": number,
        "name": name,
    }


def _page(request, status=200, error=None):
    try:
        rows = [_row(a) for a in open_appeals(staff=request.user)]
        decided = [_row(a) for a in decided_appeals(staff=request.user)]
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from None
    context = {"rows": rows, "decided": decided, "error": error}
    return render(request, "staffdesk/credit_appeals.html", context, status=status)


@login_required
@require_GET
def appeals(request):
    return _page(request)


@login_required
@require_POST
def appeal_decide(request, pk: int):
    outcome = request.POST.get("outcome", "")
    try:
        if outcome not in OUTCOMES:
            raise DomainError("outcome_required", _("Choose whether the appeal is upheld or rejected."))
        credit_appeal_decide(
            staff=request.user, appeal_id=pk, upheld=OUTCOMES[outcome], reason=request.POST.get("reason", "")
        )
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from None
    except NotFound:
        raise Http404 from None
    except DomainError as error:
        return _page(request, status=error.status, error=error.message)
    if OUTCOMES[outcome]:
        messages.success(request, _("Appeal upheld: the record no longer counts towards the holder's level."))
    else:
        messages.success(request, _("Appeal rejected: the record still counts."))
    return redirect("staff-credit-appeals")
