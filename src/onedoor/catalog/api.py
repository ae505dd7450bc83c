"""Catalog API: the public item list and item detail (no token). The district is chosen with
`?district=<region code>`, by default the deployment's default district.

The list pages with an opaque cursor: key-set on the item code when browsing, an offset into the ranked
hits when searching. It never counts the catalog.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Literal

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from pydantic import Field

from onedoor.catalog import selectors
from onedoor.catalog.search import search
from onedoor.core.api_schemas import Text, errors
from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code

router = Router(tags=["catalog"])


class ItemRow(Schema):
    code: str
    name: str
    subject: str
    department: str
    department_name: str
    instant: bool
    depth: int
    promised_limit: int
    legal_limit: int


class ScoredRow(ItemRow):
    score: float  # search relevance, higher is better; only when `q` is given


class ItemPage(Schema):
    items: list[ScoredRow | ItemRow]
    next: str | None


class CriterionOut(Schema):
    id: str
    text: str
    kind: str
    mandatory: bool


class MaterialOut(Schema):
    code: str
    name: str
    necessity: str
    form: str
    copies: int
    source: str
    record_type: str
    source_department: str
    blank_form: str
    sample: str
    notes: str
    criteria: list[CriterionOut]


class StageOut(Schema):
    code: str
    name: str
    role: str
    share: int
    description: str


class ItemDetail(ItemRow):
    basic_code: str
    item_type: str
    kind: str
    exercise_level: str
    power_source: int
    legal_basis: str
    conditions: str
    legal_limit_note: str
    free: bool
    fee_items: str
    fee_basis: str
    visits: int
    visits_reason: str
    appointment: bool
    express: bool
    kiosk: bool
    online_payment: bool
    trust_first: bool
    trust_first_exclusions: str
    accept_with_gaps: bool
    min_identity_level: int = Field(description="lowest login trust level (2-5) to apply online")
    levels: list[str]
    handling_place: str
    handling_hours: str
    contact_phone: str
    complaint_phone: str
    result_name: str
    result_type: str
    result_record_type: str
    keywords: str
    themes: list[str]
    life_events: list[str]
    version: int
    valid_from: date | None
    valid_to: date | None
    materials: list[MaterialOut]
    stages: list[StageOut]


MAX_LIMIT = 200


class ItemFilters(Schema):
    district: Text | None = None
    q: Text | None = None
    subject: Literal["person", "enterprise"] | None = None
    department: Text | None = None
    instant: bool | None = None
    depth: int | None = Field(None, ge=1, le=4)
    theme: Text | None = None
    cursor: Text | None = None
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


# Guide fields copied as they are from the version.
_GUIDE_FIELDS = [
    name
    for name in ItemDetail.model_fields
    if name not in ItemRow.model_fields and name not in {"basic_code", "version", "materials", "stages"}
]


def _row(version) -> dict:
    item = version.item
    return {
        "code": item.code,
        "name": version.name,
        "subject": item.subject,
        "department": item.department.code,
        "department_name": item.department.name,
        "instant": version.is_instant,
        "depth": version.depth,
        "promised_limit": version.promised_limit,
        "legal_limit": version.legal_limit,
    }


def _encode(state: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(state, ensure_ascii=False).encode()).decode().rstrip("=")


def _decode(cursor: str | None) -> dict:
    if not cursor:
        return {}
    try:
        state = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        state = None
    if not isinstance(state, dict):
        raise DomainError("bad_cursor", _("This cursor is not valid; start again from the first page."))
    return state


def _filters(params: ItemFilters) -> dict:
    return {
        "subject": params.subject,
        "department": params.department,
        "instant": params.instant,
        "depth": params.depth,
        "theme": params.theme,
    }


def _browse(district, filters: dict, state: dict, limit: int) -> dict:
    queryset = selectors.published_filtered(district, **filters).order_by("item__code")
    after = state.get("after")
    if isinstance(after, str):
        if "\x00" in after:
            raise DomainError("bad_cursor", _("This cursor is not valid; start again from the first page."))
        queryset = queryset.filter(item__code__gt=after)
    versions = list(queryset[: limit + 1])
    more = len(versions) > limit
    versions = versions[:limit]
    return {
        "items": [_row(v) for v in versions],
        "next": _encode({"after": versions[-1].item.code}) if more else None,
    }


def _search(district, q: str, filters: dict, state: dict, limit: int) -> dict:
    offset = state.get("offset", 0)
    if not isinstance(offset, int) or offset < 0:
        raise DomainError("bad_cursor", _("This cursor is not valid; start again from the first page."))
    hits = search(district, q, limit=offset + limit + 1, **filters)
    page = hits[offset : offset + limit]
    versions = selectors.published_by_ids(district, [h.version_id for h in page])
    rows = [
        {**_row(versions[h.version_id]), "score": float(h.score)} for h in page if h.version_id in versions
    ]
    more = len(hits) > offset + limit
    return {"items": rows, "next": _encode({"q": q, "offset": offset + limit}) if more else None}


@router.get(
    "",
    response={200: ItemPage, **errors(400, 404, 422)},
    auth=None,
    summary="List items",
)
def list_items(request, params: Query[ItemFilters]):
    """Published items of the district, by code; with `q`, best match first (each row then has a score).
    Pass `next` back as `cursor` for the following page."""
    district = district_by_code(params.district)
    filters, state, limit = _filters(params), _decode(params.cursor), params.limit
    q = (params.q or "").strip()
    if q:
        return _search(district, q, filters, state, limit)
    return _browse(district, filters, state, limit)


@router.get("/{code}", response={200: ItemDetail, **errors(404, 422)}, auth=None, summary="One item")
def item_detail(request, code: Text, district: Text | None = None):
    """The published item with its guide, materials with review criteria, and process stages."""
    version = selectors.item_detail(district_by_code(district), code)
    out = _row(version)
    out.update({name: getattr(version, name) for name in _GUIDE_FIELDS})
    out.update(
        basic_code=version.item.basic_code,
        version=version.number,
        materials=[
            {
                **{k: getattr(m, k) for k in MaterialOut.model_fields if k != "criteria"},
                "criteria": [
                    {
                        "id": c.get("id", ""),
                        "text": c.get("text", ""),
                        "kind": c.get("kind", "content"),
                        "mandatory": bool(c.get("mandatory", True)),
                    }
                    for c in m.criteria or []
                ],
            }
            for m in version.materials.all()
        ],
        stages=[{k: getattr(s, k) for k in StageOut.model_fields} for s in version.stages.all()],
    )
    return out
