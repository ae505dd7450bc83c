"""The notification outbox page (通知发件箱): every SMS / WeChat message of the district, newest first, with
whether and how it was sent. Phone numbers are masked; the message text is what the applicant reads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from onedoor.districts.models import Role
from onedoor.notifications.models import Notification
from onedoor.people.masking import mask_phone

READERS = {Role.WINDOW_GENERALIST, Role.SUPERVISOR, Role.DISTRICT_ADMIN}
PAGE = 200


@login_required
def outbox(request):
    staff = request.user
    if staff.district_id is None or not staff.role_set() & READERS:
        raise PermissionDenied(
            _("Window staff, supervisors and administrators read the notification outbox.")
        )
    rows = Notification.objects.filter(district_id=staff.district_id).select_related("case")[:PAGE]
    return render(
        request,
        "notifications/outbox.html",
        {"rows": [{"n": n, "to": mask_phone(n.to) if n.to else "—"} for n in rows]},
    )
