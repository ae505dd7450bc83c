"""Reads of the catalog, always scoped to one district.

Published reads (what citizens and windows see) go through `published_versions`; staff reads of drafts go
through `drafts_of` and friends, which the caller only reaches after an access check on the district.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, F, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from onedoor.catalog.models import CaseKind, Item, ItemVersion, Material, Stage, VersionStatus
from onedoor.core import config_cache
from onedoor.core.errors import NotFound


def published_versions(district) -> QuerySet[ItemVersion]:
    """The current published version of every item of the district (one row per item)."""
    return ItemVersion.objects.filter(
        item__district=district,
        item__current_id=F("pk"),  # the item's current version is this one
        status=VersionStatus.PUBLISHED,
    ).select_related("item", "item__department")


LIST_FIELDS = (
    "name",
    "kind",
    "depth",
    "promised_limit",
    "legal_limit",
    "status",
    "themes",
    "item__code",
    "item__subject",
    "item__district_id",
    "item__current_id",
    "item__department__code",
    "item__department__name",
)


def published_by_ids(district, version_ids) -> dict[int, ItemVersion]:
    """Published current versions among `version_ids` (search hits), with the fields a list row shows.

    Driven by the primary keys alone so the plan never scans the district's items (SQLite without
    statistics otherwise walks every item of the district); district and currency are checked per row."""
    rows = (
        ItemVersion.objects.filter(pk__in=list(version_ids), status=VersionStatus.PUBLISHED)
        .select_related("item", "item__department")
        .only(*LIST_FIELDS)
        .order_by()
    )
    return {v.pk: v for v in rows if v.item.district_id == district.pk and v.item.current_id == v.pk}


def with_content(queryset: QuerySet[ItemVersion]) -> QuerySet[ItemVersion]:
    """Prefetch materials and stages in their order (two queries for any number of versions)."""
    return queryset.prefetch_related(
        Prefetch("materials", queryset=Material.objects.order_by("order", "id")),
        Prefetch("stages", queryset=Stage.objects.order_by("order")),
    )


def item_detail(district, code: str, snapshot=None) -> ItemVersion:
    """The published version of the item with this implementation code, with materials and stages. With a
    `core.config_cache` snapshot it comes from the cache (shared: read it, never change it)."""
    version = config_cache.read(
        snapshot, ("item_detail", district.pk, code), lambda: _item_detail(district, code)
    )
    if version is None:
        raise NotFound(
            "item_not_found", _("No published item with this code in this district."), item_code=code
        )
    return version


def _item_detail(district, code: str) -> ItemVersion | None:
    return with_content(published_versions(district)).filter(item__code=code).first()


def item_by_code(district, code: str) -> Item:
    item = Item.objects.filter(district=district, code=code).select_related("department", "current").first()
    if item is None:
        raise NotFound("item_not_found", _("No item with this code in this district."), item_code=code)
    return item


def item_versions(district, code: str) -> QuerySet[ItemVersion]:
    """Every version of one item, newest first (drafts, published and retired)."""
    return (
        ItemVersion.objects.filter(item__district=district, item__code=code)
        .select_related("item", "item__department")
        .order_by("-number")
    )


def items_of(district) -> QuerySet[Item]:
    return Item.objects.filter(district=district).select_related("department", "current").order_by("code")


def drafts_of(district) -> QuerySet[ItemVersion]:
    """Draft versions of the district, for catalog staff."""
    return with_content(
        ItemVersion.objects.filter(item__district=district, status=VersionStatus.DRAFT)
        .select_related("item", "item__department")
        .order_by("item__code", "-number")
    )


def version_of(district, version_id: int) -> ItemVersion:
    """One version by id, only if it belongs to the district (another district's id is simply not found)."""
    version = (
        with_content(ItemVersion.objects.filter(item__district=district, pk=version_id))
        .select_related("item", "item__department")
        .first()
    )
    if version is None:
        raise NotFound("version_not_found", _("No such item version in this district."), id=version_id)
    return version


def _with_member(queryset: QuerySet[ItemVersion], field: str, value: str) -> QuerySet[ItemVersion]:
    """Versions whose JSON list `field` (themes, life_events) holds `value` (JSON containment; SQLite lacks
    it, so json_each there)."""
    if connection.vendor == "postgresql":
        return queryset.filter(**{f"{field}__contains": [value]})
    # The table and column names come from the model and the value is a bound parameter: nothing user-typed
    # is spliced.
    table, column = ItemVersion._meta.db_table, ItemVersion._meta.get_field(field).column
    exists = RawSQL(  # noqa: S611
        f'EXISTS (SELECT 1 FROM json_each("{table}"."{column}") WHERE json_each.value = %s)',  # noqa: S608
        [value],
        output_field=BooleanField(),
    )
    return queryset.alias(**{f"has_{field}": exists}).filter(**{f"has_{field}": True})


def published_filtered(
    district,
    *,
    subject: str | None = None,
    department: str | None = None,
    instant: bool | None = None,
    depth: int | None = None,
    theme: str | None = None,
    event: str | None = None,
) -> QuerySet[ItemVersion]:
    """The published catalog narrowed by the filters the guide pages and the API offer (one definition)."""
    queryset = published_versions(district)
    if subject:
        queryset = queryset.filter(item__subject=subject)
    if department:
        queryset = queryset.filter(item__department__code=department)
    if instant is not None:
        queryset = queryset.filter(kind=CaseKind.INSTANT if instant else CaseKind.PROMISED)
    if depth is not None:
        queryset = queryset.filter(depth=depth)
    if theme:
        queryset = _with_member(queryset, "themes", theme)
    if event:
        queryset = _with_member(queryset, "life_events", event)
    return queryset
