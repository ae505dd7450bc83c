"""Catalog reads are scoped to a district and show only the current published version."""

import pytest

from onedoor.catalog import selectors
from onedoor.catalog.models import Item, ItemVersion, VersionStatus
from onedoor.core.errors import NotFound


def _item(district, code, *, status=VersionStatus.PUBLISHED, current=True):
    item = Item.objects.create(
        district=district, code=code, department=district.test_department, subject="person"
    )
    version = ItemVersion.objects.create(
        item=item, number=1, status=status, name=f"事项{code}", item_type="public_service", kind="instant"
    )
    if current:
        item.current = version
        item.save(update_fields=["current"])
    return version


def test_published_versions_show_only_the_current_published_version_of_the_district(chancheng, hetang):
    shown = _item(chancheng, "A1")
    _item(chancheng, "A2", status=VersionStatus.DRAFT, current=False)
    _item(hetang, "B1")
    assert list(selectors.published_versions(chancheng)) == [shown]


def test_item_detail_finds_a_published_item_by_code(chancheng):
    version = _item(chancheng, "A1")
    assert selectors.item_detail(chancheng, "A1") == version


def test_item_detail_of_another_districts_item_is_not_found(chancheng, hetang):
    _item(hetang, "B1")
    with pytest.raises(NotFound):
        selectors.item_detail(chancheng, "B1")


def test_item_versions_lists_every_version_newest_first(chancheng):
    v1 = _item(chancheng, "A1")
    v2 = ItemVersion.objects.create(
        item=v1.item, number=2, name="事项A1", item_type="public_service", kind="instant"
    )
    assert list(selectors.item_versions(chancheng, "A1")) == [v2, v1]
