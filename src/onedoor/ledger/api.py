"""Ledger proofs API (tag `ledger`, public): RFC 9162 inclusion and consistency proofs against any size of the
district's log, hashes in base64. Anyone can check them with the published checkpoint and key."""

from __future__ import annotations

import base64

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from onedoor.core.api_schemas import Text, errors
from onedoor.core.errors import DomainError
from onedoor.districts.selectors import district_by_code
from onedoor.ledger import services
from onedoor.ledger.models import LedgerHead

router = Router(tags=["ledger"], auth=None)


class InclusionOut(Schema):
    index: int
    size: int
    leaf_hash: str
    path: list[str]


class ConsistencyOut(Schema):
    old: int
    new: int
    path: list[str]


def _district_and_size(district: str | None, size: int):
    found = district_by_code(district or settings.DEFAULT_DISTRICT)
    head = LedgerHead.objects.filter(district=found).first()
    if size < 1 or head is None or size > head.size:
        raise DomainError("bad_size", _("The size must be between 1 and the log's current size."), size=size)
    return found


def _b64(values) -> list[str]:
    return [base64.b64encode(v).decode() for v in values]


@router.get(
    "/proofs/inclusion", response={200: InclusionOut, **errors(400, 404, 422)}, summary="Inclusion proof"
)
def inclusion(request, index: int, size: int, district: Text | None = None):
    """RFC 9162 §2.1.3: the path from entry `index` to the root of the tree of `size` entries."""
    found = _district_and_size(district, size)
    if not 0 <= index < size:
        raise DomainError("bad_index", _("The index must be below the size."), index=index)
    path = services.inclusion_proof(found, index, size)
    return {
        "index": index,
        "size": size,
        "leaf_hash": _b64([services.leaf_of(found, index)])[0],
        "path": _b64(path),
    }


@router.get(
    "/proofs/consistency",
    response={200: ConsistencyOut, **errors(400, 404, 422)},
    summary="Consistency proof",
)
def consistency(request, old: int, new: int, district: Text | None = None):
    """RFC 9162 §2.1.4: that the tree of `old` entries is a prefix of the tree of `new` entries."""
    found = _district_and_size(district, new)
    if not 1 <= old <= new:
        raise DomainError("bad_size", _("The old size must be between 1 and the new size."), old=old)
    return {"old": old, "new": new, "path": _b64(services.consistency_proof(found, old, new))}
