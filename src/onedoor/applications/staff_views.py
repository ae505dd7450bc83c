"""Pre-review (材料预审) for window generalists: the district's submitted online applications, oldest first;
one application with each uploaded material (viewing a file is access-logged) and its criteria; the finding per
material — OK with the criteria ticked, or "fix needed" with a comment. Any fix returns the application to
the citizen; all OK accepts it as a case through the window's own service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from onedoor.applications import services
from onedoor.applications.citizen_views import file_response
from onedoor.applications.models import AppStatus
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.people.masking import mask_name, mask_number


def _who(application) -> str:
    """The applicant, masked; an enterprise by its name (public), with its agent masked."""
    agent = f"{mask_name(application.person.name)} {mask_number(application.person.id_number)}"
    if application.enterprise_id:
        return str(
            _("%(enterprise)s, through its agent %(agent)s")
            % {"enterprise": application.enterprise.name, "agent": agent}
        )
    return agent


@login_required
def queue(request):
    try:
        rows = list(services.prereview_queue(request.user)[:200])
    except Forbidden as error:
        raise PermissionDenied(str(error.message)) from None
    return render(
        request,
        "applications/prereview_queue.html",
        {"rows": [{"a": a, "who": _who(a)} for a in rows]},
    )


def _findings(post, rows) -> dict:
    findings = {}
    for row in rows:
        code = row["material"].code
        if row["upload"] is None:
            continue
        findings[code] = {
            "ok": post.get(f"finding-{code}") == "ok",
            "comment": post.get(f"comment-{code}", ""),
            "criteria": {
                c["id"]: post.get(f"criterion-{code}-{c['id']}") == "on"
                for c in row["material"].criteria or []
            },
        }
    return findings


@login_required
@require_http_methods(["GET", "POST"])
def review(request, public_id):
    try:
        application = services.prereview_get(request.user, public_id)
    except NotFound as error:
        raise Http404(str(error.message)) from error
    except Forbidden as error:
        raise PermissionDenied(str(error.message)) from None
    rows = services.material_plan(application)
    status = 200
    if request.method == "POST":
        try:
            done = services.prereview_decide(
                staff=request.user, public_id=public_id, findings=_findings(request.POST, rows)
            )
        except DomainError as error:
            messages.error(request, error.message)
            status = error.status
        else:
            if done.status == AppStatus.ACCEPTED:
                messages.success(request, _("Accepted as case %(number)s.") % {"number": done.case.number})
                return redirect("staff-case", number=done.case.number)
            messages.success(request, _("Returned to the applicant with your comments."))
            return redirect("staff-prereview")
    return render(
        request,
        "applications/prereview.html",
        {
            "a": application,
            "rows": rows,
            "who": _who(application),
            "waiting": application.status == AppStatus.SUBMITTED,
        },
        status=status,
    )


@login_required
def staff_file(request, public_id, code: str):
    try:
        upload = services.upload_for_staff(request.user, public_id, code)
    except (NotFound, Forbidden) as error:
        raise Http404(str(error.message)) from error
    return file_response(upload)
