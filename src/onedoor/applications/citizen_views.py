"""The citizen's side of an online application: start from the guide, fill the contact details (prefilled from
what the district knows), upload each material, submit for pre-review, see the findings, fix and resubmit,
withdraw. Only for the logged-in citizen, only their own applications."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from onedoor.applications import services
from onedoor.applications.models import EDITABLE_STATUSES, Application
from onedoor.citizens.views import acting_enterprise, current
from onedoor.core.errors import DomainError
from onedoor.people.models import Person


def _citizen(request):
    citizen = current(request)
    if citizen is None:
        return None, None
    return citizen, Person.objects.select_related("district").get(pk=citizen["person"])


def _login(request):
    return redirect(f"{reverse('citizen-login')}?next={request.path}")


def _problems(error: DomainError) -> list[str]:
    lines = [f"{p.get('name', '')}" for p in error.details.get("problems", [])]
    lines += list((error.details.get("fields") or {}).values())
    return [line for line in lines if line]


@require_POST
def start(request, code: str):
    citizen, person = _citizen(request)
    if person is None:  # log in first, then come back to the guide page (the button is a POST)
        guide = reverse("guide-item", args=[settings.DEFAULT_DISTRICT, code])
        return redirect(f"{reverse('citizen-login')}?{urlencode({'next': guide})}")
    try:
        application = services.application_start(
            person=person, level=citizen["level"], item_code=code, enterprise=acting_enterprise(request)
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("guide-item", district_code=person.district.code, code=code)
    return redirect("citizen-application", public_id=application.public_id)


@require_http_methods(["GET", "POST"])
def application_page(request, public_id):
    citizen, person = _citizen(request)
    if person is None:
        return _login(request)
    application = (
        Application.objects.filter(person=person, public_id=public_id)
        .select_related("version", "case")
        .first()
    )
    if application is None:
        return render(request, "applications/missing.html", status=404)
    status = 200
    problems: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "fill":
                services.application_fill(
                    person=person,
                    public_id=public_id,
                    phone=request.POST.get("phone", ""),
                    address=request.POST.get("address", ""),
                    purpose=request.POST.get("purpose", ""),
                    delivery=request.POST.get("delivery", "pickup"),
                )
                messages.success(request, _("Details saved."))
            elif action == "upload":
                given = request.FILES.get("file")
                if given is None:
                    raise DomainError("file_missing", _("Choose a file to upload."))
                services.application_upload(
                    person=person,
                    public_id=public_id,
                    code=request.POST.get("code", ""),
                    filename=given.name,
                    content=given.read(),
                )
                messages.success(request, _("File uploaded."))
            elif action == "submit":
                services.application_submit(person=person, public_id=public_id, level=citizen["level"])
                messages.success(
                    request, _("Submitted for pre-review. You will get a message with the result.")
                )
            elif action == "withdraw":
                services.application_withdraw(person=person, public_id=public_id)
                messages.success(request, _("Application withdrawn."))
            else:
                raise DomainError("unknown_action", _("Unknown action."))
            return redirect("citizen-application", public_id=public_id)
        except DomainError as error:
            messages.error(request, error.message)
            problems = _problems(error)
            status = error.status
            application.refresh_from_db()
    return render(
        request,
        "applications/application.html",
        {
            "a": application,
            "rows": services.material_plan(application),
            "editable": application.status in EDITABLE_STATUSES,
            "problems": problems,
            "citizen": citizen,
        },
        status=status,
    )


def upload_file(request, public_id, code: str):
    """The citizen's own uploaded file, to check what they sent."""
    _citizen_data, person = _citizen(request)
    if person is None:
        return _login(request)
    application = Application.objects.filter(person=person, public_id=public_id).first()
    upload = application.uploads.filter(code=code).first() if application else None
    if upload is None:
        return HttpResponse(_("No such file."), status=404, content_type="text/plain; charset=utf-8")
    return file_response(upload)


def file_response(upload) -> HttpResponse:
    response = HttpResponse(bytes(upload.content), content_type=upload.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
