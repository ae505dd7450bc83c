"""Creating and publishing many items at once follows the same rules as one at a time."""

import pytest

from onedoor.catalog import selectors
from onedoor.catalog.bulk import items_create_published
from onedoor.catalog.canonical import version_to_dict
from onedoor.catalog.models import Item
from onedoor.catalog.tests import factories as f
from onedoor.core.errors import DomainError
from onedoor.core.models import AuditRecord


def test_every_item_is_published_as_version_1_with_its_content_and_audit(chancheng, adam):
    items = [f.item("A-1"), f.item("A-2", name="不动产更正登记")]
    items_create_published(district=chancheng, items=items, actor=adam)
    versions = list(selectors.with_content(selectors.published_versions(chancheng)).order_by("item__code"))
    assert [version_to_dict(v)["materials"] for v in versions] == [i["materials"] for i in items]
    assert [v.number for v in versions] == [1, 1]
    chancheng.refresh_from_db()
    assert chancheng.catalog_revision == 1
    assert AuditRecord.objects.filter(action="catalog.version_published", actor=adam).count() == 2


def test_one_bad_item_refuses_them_all_and_lists_every_problem(chancheng, adam):
    items = [f.item("A-1"), f.item("A-2", contact_phone=""), f.item("A-3", department="NOPE"), f.item("A-1")]
    with pytest.raises(DomainError) as error:
        items_create_published(district=chancheng, items=items, actor=adam)
    fields = {p["field"] for p in error.value.details["problems"]}
    assert fields == {"items[1].contact_phone", "items[2].department", "items[3].code"}
    assert not Item.objects.exists()


def test_an_existing_code_is_refused(chancheng, adam):
    items_create_published(district=chancheng, items=[f.item("A-1")], actor=adam)
    with pytest.raises(DomainError):
        items_create_published(district=chancheng, items=[f.item("A-1")], actor=adam)
