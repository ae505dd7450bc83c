"""Online application API (tag `portal`), for the online hall's H5 pages and the mobile app: start an
application for an item, read it, upload a material, submit it for pre-review, withdraw it. The caller is the
citizen logged in through the provincial identity provider (the session cookie of /citizen/login/; writes
carry the CSRF token like any form). Every write can be retried: starting again returns the open
application, an upload replaces the file, submitting again answers with the application already waiting."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import APIKeyCookie

from onedoor.applications import services
from onedoor.applications.models import Application
from onedoor.citizens.views import acting_enterprise, current
from onedoor.core.api_schemas import ObjectIn, Text, errors
from onedoor.core.errors import DomainError, NotFound
from onedoor.people.models import Person


class CitizenSession(APIKeyCookie):
    """The logged-in citizen's session; ninja checks the CSRF token on writes."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        citizen = current(request)
        if not citizen:
            return None
        person = Person.objects.filter(pk=citizen["person"]).select_related("district").first()
        return (person, citizen["level"]) if person is not None else None


router = Router(tags=["portal"], auth=CitizenSession())


class StartIn(ObjectIn):
    item_code: Text
    channel: Text = Field("online", description="online | mobile")


class ApplicationMaterialOut(Schema):
    code: str
    name: str
    need: str = Field(description="on_file (a settled record waives it) | upload | optional")
    uploaded: bool
    filename: str = ""
    review: str = Field("", description="pending | ok | fix")
    comment: str = ""


class ApplicationOut(Schema):
    id: UUID
    item_code: str
    item_name: str
    status: str = Field(description="draft | submitted | fix_needed | accepted | withdrawn")
    rounds: int
    submitted_at: datetime | None
    case_number: str | None
    materials: list[ApplicationMaterialOut]


def application_out(application: Application) -> dict:
    return {
        "id": application.public_id,
        "item_code": application.item.code,
        "item_name": application.version.name,
        "status": application.status,
        "rounds": application.rounds,
        "submitted_at": application.submitted_at,
        "case_number": application.case.number if application.case_id else None,
        "materials": [
            {
                "code": row["material"].code,
                "name": row["material"].name,
                "need": row["need"],
                "uploaded": row["upload"] is not None,
                "filename": row["upload"].filename if row["upload"] else "",
                "review": row["upload"].review if row["upload"] else "",
                "comment": row["upload"].comment if row["upload"] else "",
            }
            for row in services.material_plan(application)
        ],
    }


def _load(person, public_id: UUID) -> Application:
    application = (
        Application.objects.filter(person=person, public_id=public_id)
        .select_related("version", "item", "case", "person")
        .first()
    )
    if application is None:
        raise NotFound("application_not_found", _("No such application of yours."))
    return application


@router.post(
    "/applications",
    response={201: ApplicationOut, 200: ApplicationOut, **errors(400, 401, 403, 404, 422)},
    summary="Start an online application",
)
def start(request, body: StartIn):
    """Start (201) or continue (200) the citizen's open application for the item: depth 3 and 4 items only,
    at or above the item's identity level (403 with how to raise it otherwise)."""
    person, level = request.auth
    enterprise = acting_enterprise(request)
    before = Application.objects.filter(
        person=person, item__code=body.item_code, status__in=services.OPEN, enterprise=enterprise
    )
    existed = before.exists()
    application = services.application_start(
        person=person, level=level, item_code=body.item_code, channel=body.channel, enterprise=enterprise
    )
    return Status(200 if existed else 201, application_out(_load(person, application.public_id)))


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, **errors(401, 404, 422)},
    summary="One online application",
)
def one(request, application_id: UUID):
    """Status, and each material with what it needs and the pre-reviewer's finding and comment."""
    person, _level = request.auth
    return application_out(_load(person, application_id))


@router.post(
    "/applications/{application_id}/materials/{code}",
    response={200: ApplicationOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Upload a material",
)
def upload(request, application_id: UUID, code: Text, file: File[UploadedFile]):
    """PDF, JPEG or PNG, told by content, up to the configured size; replaces an earlier upload."""
    person, _level = request.auth
    if file.size is not None and file.size > 4 * settings.ONEDOOR_UPLOAD_MAX_BYTES:
        raise DomainError("file_too_large", _("The file is far too large."))
    services.application_upload(
        person=person, public_id=application_id, code=code, filename=file.name or "", content=file.read()
    )
    return application_out(_load(person, application_id))


@router.post(
    "/applications/{application_id}/submit",
    response={200: ApplicationOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Submit for pre-review",
)
def submit(request, application_id: UUID):
    """Everything missing or still to fix is listed at once (400, details.problems)."""
    person, level = request.auth
    services.application_submit(person=person, public_id=application_id, level=level)
    return application_out(_load(person, application_id))


@router.post(
    "/applications/{application_id}/withdraw",
    response={200: ApplicationOut, **errors(401, 403, 404, 409, 422)},
    summary="Withdraw",
)
def withdraw(request, application_id: UUID):
    person, _level = request.auth
    services.application_withdraw(person=person, public_id=application_id)
    return application_out(_load(person, application_id))
