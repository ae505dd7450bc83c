"""Published catalog versions on the district's transparency log (issue 6 §1): the item's code, its version
number, the day it takes effect and the SHA-256 of the version's canonical dict (`canonical.version_to_dict`,
the same JSON the catalog exports), so anyone holding an export can show which rules were in force."""

from __future__ import annotations

import base64
import hashlib

from onedoor.catalog.canonical import version_to_dict
from onedoor.catalog.models import ItemVersion
from onedoor.core import clock
from onedoor.core.signing import canonical_json
from onedoor.ledger.services import ledger_append_many

KIND = "catalog.version"


def _entry(version) -> tuple[str, dict]:
    digest = hashlib.sha256(canonical_json(version_to_dict(version))).digest()
    return KIND, {
        "at": clock.now().isoformat(timespec="seconds"),
        "item": version.item.code,
        "version": version.number,
        "valid_from": version.valid_from.isoformat() if version.valid_from else None,
        "sha256": base64.b64encode(digest).decode(),
    }


def versions_published(district, version_ids: list[int]) -> list[int]:
    """Append one entry per published version, in the publishing transaction; returns their indexes."""
    versions = (
        ItemVersion.objects.filter(pk__in=version_ids)
        .select_related("item__department")
        .prefetch_related("materials", "stages")  # in their models' order, as version_to_dict reads them
        .order_by("pk")
    )
    return ledger_append_many(district=district, entries=[_entry(v) for v in versions])
