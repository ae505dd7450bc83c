"""Dead letters for supervisors (and district administrators): the events a department's system never took
after the whole retry budget (or refused outright), with the error, and replay — the same `delivery.replay`
as the admin action and `onedoor integrations replay`, audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from onedoor.core.audit import audit
from onedoor.districts.models import Role
from onedoor.integrations import delivery
from onedoor.integrations.models import MessageStatus, OutboxMessage

WATCHERS = {Role.SUPERVISOR, Role.DISTRICT_ADMIN}


def may_watch(staff) -> bool:
    return staff.is_authenticated and staff.district_id is not None and bool(staff.role_set() & WATCHERS)


def dead_letters_of(district_id: int):
    return (
        OutboxMessage.objects.filter(district_id=district_id, status=MessageStatus.DEAD)
        .select_related("connector__system", "case")
        .order_by("created_at", "id")
    )


@login_required
@require_http_methods(["GET", "POST"])
def dead_letters(request):
    if not may_watch(request.user):
        raise PermissionDenied(
            _("Only supervisors and the district's administrators see undelivered messages.")
        )
    district_id = request.user.district_id
    if request.method == "POST":
        chosen = list(dead_letters_of(district_id).filter(pk__in=request.POST.getlist("message")))
        count = delivery.replay(chosen)
        if count:
            audit(
                district=request.user.district,
                actor=request.user,
                action="outbox.replayed",
                object_type="integrations.outboxmessage",
                object_id=",".join(str(m.pk) for m in chosen)[:64],
                data={"messages": [m.pk for m in chosen]},
            )
        messages.success(request, _("%(count)d message(s) queued again.") % {"count": count})
        return redirect("staff-dead-letters")
    rows = list(dead_letters_of(district_id)[:500])
    return render(request, "staffdesk/dead_letters.html", {"rows": rows})
