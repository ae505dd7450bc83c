"""Catalog writes: drafts, publishing through the lint, versions that never change once published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from onedoor.catalog import selectors, services
from onedoor.catalog.canonical import version_to_dict
from onedoor.catalog.models import VersionStatus
from onedoor.catalog.tests import factories as f
from onedoor.core.errors import Conflict, DomainError
from onedoor.core.models import AuditRecord


def published(district, actor, **fields):
    item = services.item_create(district=district, data=f.item(**fields), actor=actor)
    services.version_publish(version=item.versions.get(), actor=actor)
    item.refresh_from_db()
    return item


def test_item_create_makes_version_1_as_a_draft(chancheng, adam):
    item = services.item_create(district=chancheng, data=f.item(), actor=adam)
    version = item.versions.get()
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    assert item.current is None
    assert version.materials.count() == 3 and version.stages.count() == 5
    assert AuditRecord.objects.filter(action="catalog.item_created", object_id=str(item.pk)).exists()


def test_item_create_fills_defaults_and_the_default_process(chancheng, adam):
    data = {
        "code": "X1",
        "department": "BDC",
        "subject": "person",
        "name": "出生登记",
        "item_type": "licensing",
        "kind": "instant",
    }
    item = services.item_create(district=chancheng, data=data, actor=adam)
    stages = list(item.versions.get().stages.values_list("code", "role"))
    assert [c for c, _r in stages] == ["accept", "undertake", "review", "approve", "complete", "deliver"]
    assert {r for _c, r in stages} == {"window_generalist"}


def test_item_create_refuses_a_department_of_another_district(chancheng, hetang, adam):
    with pytest.raises(DomainError) as error:
        services.item_create(district=chancheng, data=f.item(department="NOPE"), actor=adam)
    assert error.value.code == "unknown_department"


def test_item_create_refuses_bad_types_listing_every_problem(chancheng, adam):
    with pytest.raises(DomainError) as error:
        services.item_create(district=chancheng, data=f.item(depth="deep", kind="urgent"), actor=adam)
    assert {p["field"] for p in error.value.details["problems"]} == {"depth", "kind"}


def test_item_create_refuses_a_duplicate_code(chancheng, adam):
    services.item_create(district=chancheng, data=f.item(), actor=adam)
    with pytest.raises(Conflict):
        services.item_create(district=chancheng, data=f.item(), actor=adam)


def test_publishing_makes_the_version_current_and_bumps_the_catalog_revision(chancheng, adam):
    before = chancheng.catalog_revision
    item = published(chancheng, adam)
    chancheng.refresh_from_db()
    assert item.current.status == VersionStatus.PUBLISHED
    assert item.current.valid_from == timezone.localdate()
    assert chancheng.catalog_revision == before + 1
    assert selectors.item_detail(chancheng, item.code) == item.current


def test_publishing_a_version_with_lint_problems_lists_them_all_and_changes_nothing(chancheng, adam):
    item = services.item_create(
        district=chancheng, data=f.item(handling_place="", contact_phone="12345"), actor=adam
    )
    with pytest.raises(DomainError) as error:
        services.version_publish(version=item.versions.get(), actor=adam)
    assert error.value.code == "lint_failed"
    assert {p["code"] for p in error.value.details["problems"]} == {
        "handling_place_missing",
        "phones_identical",
    }
    assert "handling_place" in error.value.message
    item.refresh_from_db()
    chancheng.refresh_from_db()
    assert item.current is None and chancheng.catalog_revision == 0
    assert item.versions.get().status == VersionStatus.DRAFT


def test_a_new_draft_copies_materials_stages_and_criteria_with_the_changes(chancheng, adam):
    item = published(chancheng, adam)
    draft = services.version_draft(item=item, actor=adam, changes={"promised_limit": 2})
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    old, new = version_to_dict(item.current), version_to_dict(draft)
    assert new["promised_limit"] == 2
    assert new["materials"] == old["materials"] and new["stages"] == old["stages"]


def test_publishing_a_new_version_retires_the_previous_one(chancheng, adam):
    item = published(chancheng, adam)
    first = item.current
    draft = services.version_draft(item=item, actor=adam, changes={"name": "不动产异议登记(新)"})
    draft = services.version_publish(version=draft, actor=adam)
    first.refresh_from_db()
    item.refresh_from_db()
    assert item.current == draft
    assert (first.status, first.valid_to) == (VersionStatus.RETIRED, draft.valid_from)
    assert selectors.item_detail(chancheng, item.code).name == "不动产异议登记(新)"


def test_a_published_version_is_never_edited(chancheng, adam):
    item = published(chancheng, adam)
    with pytest.raises(Conflict):
        services.version_update(version=item.current, actor=adam, changes={"name": "改名"})
    item.current.refresh_from_db()
    assert item.current.name == "不动产异议登记"


def test_a_published_version_cannot_be_published_again(chancheng, adam):
    item = published(chancheng, adam)
    with pytest.raises(Conflict):
        services.version_publish(version=item.current, actor=adam)


def test_an_item_has_one_draft_at_a_time(chancheng, adam):
    item = published(chancheng, adam)
    services.version_draft(item=item, actor=adam, changes={})
    with pytest.raises(Conflict):
        services.version_draft(item=item, actor=adam, changes={})


def test_a_draft_update_replaces_materials_and_stages(chancheng, adam):
    item = services.item_create(district=chancheng, data=f.item(), actor=adam)
    version = services.version_update(
        version=item.versions.get(), actor=adam, changes={"materials": [f.material("Z9", "户口簿")]}
    )
    assert [m.code for m in version.materials.all()] == ["Z9"]
    assert version.stages.count() == 5


def test_a_draft_cannot_change_the_items_department(chancheng, adam):
    item = services.item_create(district=chancheng, data=f.item(), actor=adam)
    with pytest.raises(DomainError) as error:
        services.version_update(version=item.versions.get(), actor=adam, changes={"department": "OTHER"})
    assert error.value.code == "identity_not_versioned"


def test_item_update_moves_the_item_to_another_department_of_the_district(chancheng, adam):
    from onedoor.districts.services import department_create

    department_create(district=chancheng, code="MZ", name="民政局")
    item = published(chancheng, adam)
    services.item_update(item=item, actor=adam, changes={"department": "MZ"})
    assert selectors.item_detail(chancheng, item.code).item.department.code == "MZ"


def test_a_valid_from_in_the_future_is_refused(chancheng, adam):
    item = services.item_create(district=chancheng, data=f.item(), actor=adam)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(DomainError) as error:
        services.version_publish(version=item.versions.get(), actor=adam, valid_from=tomorrow)
    assert error.value.code == "valid_from_in_future"


def test_retiring_an_item_withdraws_it_from_the_published_catalog(chancheng, adam):
    item = published(chancheng, adam)
    services.item_retire(item=item, actor=adam, reason="merged")
    assert not selectors.published_versions(chancheng).exists()
    assert item.versions.get().status == VersionStatus.RETIRED
