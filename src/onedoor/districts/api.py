"""Organisation API: the caller's district, its centres and departments (staff token)."""

from __future__ import annotations

from ninja import Router, Schema

from onedoor.core.api_schemas import errors
from onedoor.districts import selectors
from onedoor.districts.auth import BearerToken

router = Router(tags=["organisation"], auth=BearerToken())


class DistrictOut(Schema):
    code: str
    name: str


class CentreOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None


class DepartmentOut(Schema):
    code: str
    name: str


@router.get("/district", response={200: DistrictOut, **errors(401, 403)})
def my_district(request):
    district = selectors.access_staff_district(request.auth)
    return {"code": district.code, "name": district.name}


@router.get("/centres", response={200: list[CentreOut], **errors(401, 403)})
def centres(request):
    district = selectors.access_staff_district(request.auth)
    return [
        {"code": c.code, "name": c.name, "level": c.level, "parent": c.parent.code if c.parent_id else None}
        for c in selectors.centres_of(district)
    ]


@router.get("/departments", response={200: list[DepartmentOut], **errors(401, 403)})
def departments(request):
    district = selectors.access_staff_district(request.auth)
    return [{"code": d.code, "name": d.name} for d in selectors.departments_of(district)]
