"""Bulk write service: many new items created and published at once (an import into a catalog that lacks
them, the demo generator, benchmarks). Same rules as `services.item_create` + `services.version_publish`
— shape, department of the district, unique code, lint, valid_from — checked for every item before anything
is written; then a handful of multi-row INSERTs instead of ~20 queries per item."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onedoor.catalog import ledger_events
from onedoor.catalog.canonical import (
    MATERIAL_FIELDS,
    STAGE_FIELDS,
    VERSION_KEYS,
    default_stages,
    parse_date,
    with_defaults,
)
from onedoor.catalog.lint import Problem, blocking, lint_item
from onedoor.catalog.models import Item, ItemVersion, Material, Stage, VersionStatus
from onedoor.core.errors import DomainError
from onedoor.core.models import AuditRecord
from onedoor.districts.models import Department, District

BATCH = 500


def _check(district: District, items: list[dict]) -> list[Problem]:
    departments = set(Department.objects.filter(district=district).values_list("code", flat=True))
    taken = set(
        Item.objects.filter(district=district, code__in=[d["code"] for d in items]).values_list(
            "code", flat=True
        )
    )
    today, seen, problems = timezone.localdate(), set(), []
    for i, data in enumerate(items):
        found = blocking(lint_item(data))
        if data["department"] not in departments:
            found.append(
                Problem(
                    "unknown_department",
                    "department",
                    str(
                        _("No department with code %(code)s in this district.") % {"code": data["department"]}
                    ),
                )
            )
        if data["code"] in taken or data["code"] in seen:
            found.append(
                Problem(
                    "item_exists",
                    "code",
                    str(_("An item with code %(code)s already exists.") % {"code": data["code"]}),
                )
            )
        seen.add(data["code"])
        if not found and (parse_date(data["valid_from"]) or today) > today:
            found.append(
                Problem(
                    "valid_from_in_future", "valid_from", str(_("valid_from cannot be later than today."))
                )
            )
        problems += [Problem(p.code, f"items[{i}].{p.field}", p.message) for p in found]
    return problems


def _version(item: Item, data: dict, start, now) -> ItemVersion:
    version = ItemVersion(item=item, number=1, status=VersionStatus.PUBLISHED, published_at=now)
    for key in VERSION_KEYS:
        setattr(version, key, data[key])
    version.valid_from = start
    return version


def _audit_rows(district, actor, action: str, objs, data_of) -> list[AuditRecord]:
    label = getattr(actor, "username", "") or "system"
    actor = actor if getattr(actor, "pk", None) else None
    return [
        AuditRecord(
            district=district,
            actor=actor,
            actor_label=label,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            data=data_of(obj),
        )
        for obj in objs
    ]


@transaction.atomic
def items_create_published(*, district: District, items: list[dict], actor) -> list[Item]:
    """Create and publish every item (version 1). Any problem in any item refuses them all, listing each."""
    full = []
    for data in items:
        merged = with_defaults(data)
        if "stages" not in data:
            merged["stages"] = default_stages(merged["item_type"], merged["kind"])
        full.append(merged)
    problems = _check(district, full)
    if problems:
        intro = _("The items were not created:")
        listing = "; ".join(f"{p.field}: {p.message}" for p in problems[:50])
        raise DomainError(
            "items_refused",
            f"{intro} {listing}",
            problems=[{"code": p.code, "field": p.field, "message": p.message} for p in problems],
        )
    departments = {d.code: d for d in Department.objects.filter(district=district)}
    today, now = timezone.localdate(), timezone.now()
    created = Item.objects.bulk_create(
        [
            Item(
                district=district,
                code=d["code"],
                basic_code=d["basic_code"],
                department=departments[d["department"]],
                subject=d["subject"],
            )
            for d in full
        ],
        batch_size=BATCH,
    )
    versions = ItemVersion.objects.bulk_create(
        [
            _version(item, d, parse_date(d["valid_from"]) or today, now)
            for item, d in zip(created, full, strict=True)
        ],
        batch_size=BATCH,
    )
    Material.objects.bulk_create(
        [
            Material(
                version=v,
                order=i,
                criteria=[dict(c) for c in m["criteria"]],
                **{k: m[k] for k in MATERIAL_FIELDS},
            )
            for v, d in zip(versions, full, strict=True)
            for i, m in enumerate(d["materials"])
        ],
        batch_size=BATCH,
    )
    Stage.objects.bulk_create(
        [
            Stage(version=v, order=i + 1, **{k: s[k] for k in STAGE_FIELDS})
            for v, d in zip(versions, full, strict=True)
            for i, s in enumerate(d["stages"])
        ],
        batch_size=BATCH,
    )
    for item, version in zip(created, versions, strict=True):
        item.current = version
    Item.objects.bulk_update(created, ["current"], batch_size=BATCH)
    District.objects.filter(pk=district.pk).update(catalog_revision=F("catalog_revision") + 1)
    ledger_events.versions_published(district, [v.pk for v in versions])
    AuditRecord.objects.bulk_create(
        _audit_rows(district, actor, "catalog.item_created", created, lambda i: {"version": 1})
        + _audit_rows(
            district,
            actor,
            "catalog.version_published",
            versions,
            lambda v: {"item": v.item.code, "number": 1, "replaces": None},
        ),
        batch_size=BATCH,
    )
    return created
