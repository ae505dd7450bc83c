"""Identity validation (public) and people lookup (staff token). Thin: selectors and idnumbers do the work.

A number of another district answers 404 exactly like an unknown one; every full view is logged."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from pydantic import Field

from onedoor.core.api_schemas import ObjectIn, Text, errors
from onedoor.core.errors import DomainError, NotFound
from onedoor.districts.auth import BearerToken
from onedoor.people import idnumbers, selectors
from onedoor.people.masking import mask_number
from onedoor.people.models import DataAccess, Enterprise, Person, VerifiedRecord
from onedoor.people.record_types import record_type_label

identity_router = Router(tags=["identity"])
people_router = Router(tags=["people"], auth=BearerToken())

MAX_NUMBER_INPUT = 200  # longer input is cut before checking: it is invalid anyway and says its length


class ValidateIn(ObjectIn):
    number: Text | int | None = Field(
        None, description="A resident ID number or a unified social credit code."
    )


class ValidateOut(Schema):
    valid: bool
    kind: str | None = Field(description='"resident" or "uscc"; null when the kind cannot be told.')
    number: str = Field(description="The number normalised: spaces stripped, lowercase x raised.")
    error: str | None = Field(description="Why the number is invalid, in the request's language.")
    error_code: str | None
    birth_date: date | None
    sex: str | None = Field(description='"M" or "F" (resident ID numbers only).')
    region_code: str | None


@identity_router.post("/validate", response={200: ValidateOut, **errors(400, 422)}, auth=None)
def validate(request, payload: ValidateIn):
    """Check a resident ID number (GB 11643) or unified social credit code (GB 32100). Never an error
    status for a bad number: the answer says `valid: false` and why."""
    raw = "" if payload.number is None else str(payload.number)
    length = len(raw)
    result = idnumbers.identify(raw[:MAX_NUMBER_INPUT])
    error = result.error
    message = result.message
    if length > MAX_NUMBER_INPUT:
        error, message = "length", idnumbers.lazy_format(idnumbers.MESSAGES["length"], {"length": length})
    return {
        "valid": result.valid,
        "kind": result.kind,
        "number": result.number[:MAX_NUMBER_INPUT],
        "error": str(message) if message is not None else None,
        "error_code": error,
        "birth_date": result.birth_date,
        "sex": result.sex,
        "region_code": result.region_code,
    }


# --- staff ------------------------------------------------------------------------------------------


class MaskedRowOut(Schema):
    kind: str
    id: int
    number: str = Field(description="Masked, e.g. 440604********123X.")
    name: str
    sex: str | None = None


class RecordOut(Schema):
    id: int
    record_type: str
    record_type_label: str
    trust_level: str
    source_kind: str
    source_ref: str
    source_department: str | None
    valid_from: date | None
    valid_until: date | None
    verified_at: datetime
    verified_by: str | None


class RecordFullOut(RecordOut):
    payload: dict


class PersonFullOut(Schema):
    id_number: str
    name: str
    sex: str
    birth_date: date
    region_code: str
    phone: str
    address: str
    identity_level: int
    records: list[RecordFullOut]


class EnterpriseFullOut(Schema):
    uscc: str
    name: str
    legal_representative: str
    representative_id_number: str
    phone: str
    address: str
    industry: str
    records: list[RecordFullOut]


class AccessOut(Schema):
    at: datetime
    kind: str
    staff: str | None
    department: str | None
    record_type: str | None
    purpose: str
    channel: str


def _record(record: VerifiedRecord, *, payload: bool = False) -> dict:
    data = {
        "id": record.pk,
        "record_type": record.record_type,
        "record_type_label": str(record_type_label(record.record_type)),
        "trust_level": record.trust_level,
        "source_kind": record.source_kind,
        "source_ref": record.source_ref,
        "source_department": record.source_department.name if record.source_department_id else None,
        "valid_from": record.valid_from,
        "valid_until": record.valid_until,
        "verified_at": record.verified_at,
        "verified_by": str(record.verified_by) if record.verified_by_id else None,
    }
    if payload:
        data["payload"] = record.payload
    return data


def _access(access: DataAccess) -> dict:
    return {
        "at": access.at,
        "kind": access.kind,
        "staff": str(access.staff) if access.staff_id else None,
        "department": access.department.name if access.department_id else None,
        "record_type": access.record.record_type if access.record_id else None,
        "purpose": access.purpose,
        "channel": access.channel,
    }


def _checked(number: str, check) -> str:
    """The normalised number, or 400 with the localized reason when it is not a valid one."""
    result = check(number[:MAX_NUMBER_INPUT])
    if not result.valid:
        raise DomainError(result.error, result.message, number=mask_number(result.number))
    return result.number


def _person(request, number: str) -> Person:
    person = selectors.person_find(staff=request.auth, number=_checked(number, idnumbers.check_resident))
    if person is None:
        raise NotFound("person_not_found", _("No person with this number is registered here."))
    return person


@people_router.get("", response={200: list[MaskedRowOut], **errors(401, 422)})
def people_list(request, q: Text = "", limit: int = Query(20, ge=1, le=selectors.SEARCH_LIMIT_MAX)):
    """Persons and enterprises whose number (4+ characters) or name starts with `q`; masked, not counted."""
    return [asdict(row) for row in selectors.people_search(staff=request.auth, q=q, limit=limit)]


@people_router.get(
    "/enterprises/{uscc}", response={200: EnterpriseFullOut, **errors(400, 401, 403, 404, 422)}
)
def enterprise_detail(request, uscc: Text, purpose: Text = ""):
    """The full record of an enterprise. `purpose` is required and logged with the caller's name."""
    enterprise = selectors.enterprise_find(staff=request.auth, uscc=_checked(uscc, idnumbers.check_uscc))
    if enterprise is None:
        raise NotFound("enterprise_not_found", _("No enterprise with this code is registered here."))
    view = selectors.enterprise_full_view(
        staff=request.auth, enterprise=enterprise, purpose=purpose, channel="api"
    )
    holder: Enterprise = view.holder
    fields = (
        "uscc",
        "name",
        "legal_representative",
        "representative_id_number",
        "phone",
        "address",
        "industry",
    )
    return {
        **{name: getattr(holder, name) for name in fields},
        "records": [_record(r, payload=True) for r in view.records],
    }


@people_router.get("/{number}", response={200: PersonFullOut, **errors(400, 401, 403, 404, 422)})
def person_detail(request, number: Text, purpose: Text = ""):
    """The full record of a person. `purpose` is required and logged with the caller's name."""
    person = _person(request, number)
    view = selectors.person_full_view(staff=request.auth, person=person, purpose=purpose, channel="api")
    fields = ("id_number", "name", "sex", "birth_date", "region_code", "phone", "address", "identity_level")
    return {
        **{name: getattr(person, name) for name in fields},
        "records": [_record(r, payload=True) for r in view.records],
    }


@people_router.get("/{number}/records", response={200: list[RecordOut], **errors(400, 401, 404, 422)})
def person_records(request, number: Text):
    """The person's current verified records: type, trust level, source and validity (no payload)."""
    person = _person(request, number)
    return [_record(r) for r in selectors.records_of(staff=request.auth, person=person)]


@people_router.get("/{number}/accesses", response={200: list[AccessOut], **errors(400, 401, 404, 422)})
def person_accesses(request, number: Text):
    """Who viewed or used this person's data, when and why (newest first)."""
    person = _person(request, number)
    return [_access(a) for a in selectors.data_accesses_of(staff=request.auth, person=person)]
