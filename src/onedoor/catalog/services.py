"""Writes of the catalog. Every change goes through here (admin, staff page, importer, demo generator).

Rules kept here:
- a published version is never edited: a change makes a new draft (`version_draft`), edited with
  `version_update` and made current with `version_publish`;
- an item has at most one draft at a time;
- publishing runs the lint; any blocking problem refuses the publish and lists every problem;
- each publish or retirement bumps the district's `catalog_revision` (search indexes rebuild on it).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onedoor.catalog import ledger_events
from onedoor.catalog.canonical import (
    ITEM_IDENTITY_KEYS,
    ITEM_KEYS,
    MATERIAL_FIELDS,
    STAGE_FIELDS,
    VERSION_KEYS,
    default_stages,
    parse_date,
    version_to_dict,
    with_defaults,
)
from onedoor.catalog.lint import Problem, blocking, check_shape, lint_item
from onedoor.catalog.models import Item, ItemVersion, Material, Stage, VersionStatus
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, DomainError
from onedoor.districts.models import Department, District

__all__ = [
    "default_stages",
    "item_create",
    "item_retire",
    "item_update",
    "version_draft",
    "version_publish",
    "version_to_dict",
    "version_update",
]


def _problem_details(problems: list[Problem]) -> list[dict]:
    return [{"code": p.code, "field": p.field, "message": str(p.message)} for p in problems]


def _refuse(code: str, intro, problems: list[Problem]) -> DomainError:
    listing = "; ".join(
        f"{p.field}: {p.message}" if p.field not in p.message else str(p.message) for p in problems
    )
    return DomainError(code, f"{intro} {listing}", problems=_problem_details(problems))


def _check_shape(data: dict) -> None:
    problems = check_shape(data)
    if problems:
        raise _refuse("invalid_item", _("The item data is not valid:"), problems)


def _department(district: District, code: str) -> Department:
    department = Department.objects.filter(district=district, code=code).first()
    if department is None:
        raise DomainError(
            "unknown_department",
            _("No department with code %(code)s in this district.") % {"code": code},
            department=code,
        )
    return department


def _write_version_fields(version: ItemVersion, data: dict) -> None:
    for key in VERSION_KEYS:
        value = data[key]
        setattr(version, key, parse_date(value) if key == "valid_from" else value)


def _write_content(version: ItemVersion, data: dict, *, replace: bool) -> None:
    """Materials and stages of a draft, in the order given (replacing any present)."""
    if replace:
        version.materials.all().delete()
        version.stages.all().delete()
    Material.objects.bulk_create(
        Material(
            version=version,
            order=i,
            criteria=[dict(c) for c in m["criteria"]],
            **{k: m[k] for k in MATERIAL_FIELDS},
        )
        for i, m in enumerate(data["materials"])
    )
    Stage.objects.bulk_create(
        Stage(version=version, order=i + 1, **{k: s[k] for k in STAGE_FIELDS})
        for i, s in enumerate(data["stages"])
    )


def _new_version(item: Item, data: dict) -> ItemVersion:
    number = (item.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ItemVersion(item=item, number=number, status=VersionStatus.DRAFT)
    _write_version_fields(version, data)
    version.save()
    _write_content(version, data, replace=False)
    return version


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update().select_related("district", "department").get(pk=item.pk)


def _reload(version: ItemVersion) -> ItemVersion:
    return (
        ItemVersion.objects.select_related("item", "item__department", "item__district")
        .prefetch_related("materials", "stages")
        .get(pk=version.pk)
    )


@transaction.atomic
def item_create(*, district: District, data: dict, actor) -> Item:
    """Create an item and its version 1 as a draft from a canonical dict. Missing keys take their defaults;
    without a "stages" key the item gets `default_stages(item_type, kind)`."""
    full = with_defaults(data)
    if "stages" not in data:
        full["stages"] = default_stages(full["item_type"], full["kind"])
    _check_shape(full)
    department = _department(district, full["department"])
    if Item.objects.filter(district=district, code=full["code"]).exists():
        raise Conflict(
            "item_exists",
            _("An item with code %(code)s already exists.") % {"code": full["code"]},
            item_code=full["code"],
        )
    item = Item.objects.create(
        district=district,
        code=full["code"],
        basic_code=full["basic_code"],
        department=department,
        subject=full["subject"],
    )
    version = _new_version(item, full)
    audit(
        district=district,
        actor=actor,
        action="catalog.item_created",
        obj=item,
        data={"version": version.number},
    )
    return item


def _merged(version: ItemVersion, changes: dict) -> dict:
    unknown = sorted(set(changes) - set(ITEM_KEYS))
    if unknown:
        raise DomainError("unknown_field", _("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)})
    data = version_to_dict(version)
    moved = [k for k in ITEM_IDENTITY_KEYS if k in changes and changes[k] != data[k]]
    if moved:
        raise DomainError(
            "identity_not_versioned",
            _("%(fields)s belong to the item, not to a version: change them with item_update.")
            % {"fields": ", ".join(moved)},
        )
    data.update({k: v for k, v in changes.items() if k not in ITEM_IDENTITY_KEYS})
    merged = with_defaults(data)
    _check_shape(merged)
    return merged


@transaction.atomic
def version_draft(*, item: Item, actor, changes: dict | None = None) -> ItemVersion:
    """A new draft copied from the current published version (materials, stages, criteria), with `changes`.
    A retired item (no current version) is revived from its latest version."""
    item = _locked(item)
    existing = item.versions.filter(status=VersionStatus.DRAFT).first()
    if existing is not None:
        raise Conflict(
            "draft_exists",
            _("The item already has a draft (version %(n)d): edit that one.") % {"n": existing.number},
            version=existing.number,
        )
    base = item.current or item.versions.order_by("-number").first()
    data = _merged(_reload(base), changes or {})
    data["valid_from"] = changes.get("valid_from") if changes else None
    version = _new_version(item, data)
    audit(
        district=item.district,
        actor=actor,
        action="catalog.version_drafted",
        obj=version,
        data={"item": item.code, "number": version.number, "fields": sorted(changes or {})},
    )
    return version


@transaction.atomic
def version_update(*, version: ItemVersion, actor, changes: dict) -> ItemVersion:
    """Change a draft. "materials" and "stages", when given, replace the whole list."""
    version = _reload(ItemVersion.objects.select_for_update().get(pk=version.pk))
    if version.status != VersionStatus.DRAFT:
        raise Conflict("not_a_draft", _("Only a draft can be changed: a published version is never edited."))
    data = _merged(version, changes)
    _write_version_fields(version, data)
    version.save()
    if "materials" in changes or "stages" in changes:
        _write_content(version, data, replace=True)
    audit(
        district=version.item.district,
        actor=actor,
        action="catalog.version_updated",
        obj=version,
        data={"item": version.item.code, "fields": sorted(changes)},
    )
    return version


@transaction.atomic
def item_update(*, item: Item, actor, changes: dict) -> Item:
    """Change the item's identity fields (basic code, department, subject), which are not versioned."""
    item = _locked(item)
    allowed = {"basic_code", "department", "subject"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise DomainError("unknown_field", _("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)})
    data = {**version_to_dict(_reload(item.current or item.versions.order_by("-number").first())), **changes}
    _check_shape(data)
    if "department" in changes:
        item.department = _department(item.district, changes["department"])
    for key in ("basic_code", "subject"):
        if key in changes:
            setattr(item, key, changes[key])
    item.save(update_fields=["basic_code", "department", "subject"])
    if item.current_id:
        District.objects.filter(pk=item.district_id).update(catalog_revision=F("catalog_revision") + 1)
    audit(
        district=item.district,
        actor=actor,
        action="catalog.item_updated",
        obj=item,
        data={"fields": sorted(changes)},
    )
    return item


def _valid_from(requested: date | str | None, version: ItemVersion, previous: ItemVersion | None) -> date:
    today = timezone.localdate()
    start = parse_date(requested) or version.valid_from or today
    if start > today:
        raise DomainError(
            "valid_from_in_future",
            _("A version takes effect when it is published: valid_from cannot be later than today."),
        )
    if previous is not None and previous.valid_from and start < previous.valid_from:
        raise DomainError(
            "valid_from_before_previous",
            _("valid_from cannot be earlier than the valid_from of the version it replaces (%(date)s).")
            % {"date": previous.valid_from.isoformat()},
        )
    return start


@transaction.atomic
def version_publish(*, version: ItemVersion, actor, valid_from: date | str | None = None) -> ItemVersion:
    """Make a draft the item's current version after the lint passes; retire the version it replaces."""
    item = _locked(version.item)
    version = _reload(version)
    if version.status != VersionStatus.DRAFT:
        raise Conflict("not_a_draft", _("Only a draft can be published."))
    problems = blocking(lint_item(version_to_dict(version)))
    if problems:
        raise _refuse("lint_failed", _("This version cannot be published:"), problems)
    previous = item.current
    start = _valid_from(valid_from, version, previous)
    if previous is not None:
        previous.status, previous.valid_to = VersionStatus.RETIRED, start
        previous.save(update_fields=["status", "valid_to"])
    version.status, version.valid_from, version.published_at = VersionStatus.PUBLISHED, start, timezone.now()
    version.save(update_fields=["status", "valid_from", "published_at"])
    item.current = version
    item.save(update_fields=["current"])
    District.objects.filter(pk=item.district_id).update(catalog_revision=F("catalog_revision") + 1)
    ledger_events.versions_published(item.district, [version.pk])
    audit(
        district=item.district,
        actor=actor,
        action="catalog.version_published",
        obj=version,
        data={"item": item.code, "number": version.number, "replaces": previous.number if previous else None},
    )
    return version


@transaction.atomic
def item_retire(*, item: Item, actor, reason: str = "") -> Item:
    """Withdraw an item from the published catalog (its history stays)."""
    item = _locked(item)
    current = item.current
    if current is None:
        raise Conflict("not_published", _("The item has no published version."))
    current.status, current.valid_to = VersionStatus.RETIRED, timezone.localdate()
    current.save(update_fields=["status", "valid_to"])
    item.current = None
    item.save(update_fields=["current"])
    District.objects.filter(pk=item.district_id).update(catalog_revision=F("catalog_revision") + 1)
    audit(
        district=item.district,
        actor=actor,
        action="catalog.item_retired",
        obj=item,
        reason=reason,
        data={"number": current.number},
    )
    return item
