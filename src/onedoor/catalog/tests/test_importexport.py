"""Catalog import and export: round trips to an identical catalog; a bad file changes nothing and says
where the problem is (sheet, row, column)."""

import io
import json

import pytest
from openpyxl import load_workbook

from onedoor.catalog.canonical import default_stages
from onedoor.catalog.importexport import catalog_export_json, catalog_export_xlsx, catalog_import, dump_json
from onedoor.catalog.models import Item, ItemVersion, VersionStatus
from onedoor.catalog.tests import factories as f
from onedoor.core.models import AuditRecord
from onedoor.districts.models import District


def sample_items():
    licence = f.item(
        "BDC-002",
        name="不动产首次登记",
        item_type="licensing",
        free=False,
        fee_items="登记费 80 元/件",
        fee_basis="《关于不动产登记收费标准等有关问题的通知》(发改价格规〔2016〕2559号)",
        levels=["district", "street"],
        themes=["不动产", "住房"],
        valid_from="2024-03-01",
        materials=[
            f.material(
                "M01",
                "不动产登记申请书",
                criteria=[
                    {"id": "M01-1", "text": "申请书填写完整", "kind": "completeness", "mandatory": True},
                    {
                        "id": "M01-2",
                        "text": "申请人签名与身份证明一致",
                        "kind": "signature",
                        "mandatory": False,
                    },
                ],
            ),
            f.material(
                "M02", "户口簿", form="copy", copies=2, source="settled", record_type="household_register"
            ),
        ],
    )
    instant = f.item(
        "BDC-003",
        name="不动产登记资料查询",
        kind="instant",
        depth=4,
        visits=0,
        visits_reason="",
        stages=default_stages("public_service", "instant"),
        item_type="public_service",
        keywords="查房产,查询房屋登记信息",
        levels=[],
        life_events=[],
    )
    return [f.item(), licence, instant]


def load(district, items, actor=None, **kwargs):
    payload = dump_json(f.catalog(district.code, *items))
    return catalog_import(district=district, payload=payload, fmt="json", actor=actor, **kwargs)


def state(district):
    district.refresh_from_db()
    return (
        list(Item.objects.filter(district=district).values_list("code", "current_id")),
        list(ItemVersion.objects.filter(item__district=district).values_list("pk", "status", "name")),
        AuditRecord.objects.filter(district=district).count(),
        district.catalog_revision,
    )


def without_district(document):
    return {k: v for k, v in document.items() if k != "district"}


def test_a_json_import_creates_and_publishes_every_item(chancheng, adam):
    report = load(chancheng, sample_items(), adam)
    assert report.ok, report.problems
    assert sorted(report.created) == ["BDC-001", "BDC-002", "BDC-003"]
    exported = catalog_export_json(chancheng)
    assert [i["code"] for i in exported["items"]] == ["BDC-001", "BDC-002", "BDC-003"]
    assert exported["items"][1]["valid_from"] == "2024-03-01"
    assert exported["items"][1]["materials"] == sample_items()[1]["materials"]


def test_xlsx_export_then_import_into_another_district_gives_an_identical_catalog(chancheng, hetang, adam):
    assert load(chancheng, sample_items(), adam).ok
    report = catalog_import(district=hetang, payload=catalog_export_xlsx(chancheng), fmt="xlsx", actor=None)
    assert report.ok, report.problems
    assert without_district(catalog_export_json(hetang)) == without_district(catalog_export_json(chancheng))


def test_json_export_then_import_into_another_district_gives_an_identical_catalog(chancheng, hetang, adam):
    assert load(chancheng, sample_items(), adam).ok
    payload = dump_json(catalog_export_json(chancheng))
    assert catalog_import(district=hetang, payload=payload, fmt="json", actor=None).ok
    assert without_district(catalog_export_json(hetang)) == without_district(catalog_export_json(chancheng))


def test_importing_the_same_file_again_leaves_every_item_alone(chancheng, adam):
    assert load(chancheng, sample_items(), adam).ok
    versions = ItemVersion.objects.count()
    report = catalog_import(
        district=chancheng, payload=catalog_export_xlsx(chancheng), fmt="xlsx", actor=adam
    )
    assert report.ok and sorted(report.unchanged) == ["BDC-001", "BDC-002", "BDC-003"]
    assert ItemVersion.objects.count() == versions


def test_a_changed_item_gets_a_new_published_version(chancheng, adam):
    assert load(chancheng, sample_items(), adam).ok
    items = sample_items()
    items[0]["promised_limit"] = 2
    report = load(chancheng, items, adam)
    assert (report.updated, sorted(report.unchanged)) == (["BDC-001"], ["BDC-002", "BDC-003"])
    numbers = dict(ItemVersion.objects.filter(item__code="BDC-001").values_list("number", "status"))
    assert numbers == {1: VersionStatus.RETIRED, 2: VersionStatus.PUBLISHED}


def test_an_import_without_publishing_leaves_drafts(chancheng, adam):
    report = load(chancheng, sample_items(), adam, publish=False)
    assert report.ok and len(report.created) == 3
    assert catalog_export_json(chancheng)["items"] == []
    assert set(ItemVersion.objects.values_list("status", flat=True)) == {VersionStatus.DRAFT}


def test_a_text_that_looks_like_a_formula_stays_text(chancheng, hetang, adam):
    assert load(chancheng, [f.item(legal_limit_note='=HYPERLINK("http://x")')], adam).ok
    book = load_workbook(io.BytesIO(catalog_export_xlsx(chancheng)))
    column = [c.value for c in book["items"][1]].index("legal_limit_note") + 1
    assert book["items"].cell(row=2, column=column).data_type == "s"
    assert catalog_import(district=hetang, payload=catalog_export_xlsx(chancheng), fmt="xlsx", actor=None).ok
    assert catalog_export_json(hetang)["items"][0]["legal_limit_note"] == '=HYPERLINK("http://x")'


# --- bad files -------------------------------------------------------------------------------------
def edited_workbook(district, edit) -> bytes:
    book = load_workbook(io.BytesIO(catalog_export_xlsx(district)))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def set_cell(book, sheet, row, column_name, value):
    header = [c.value for c in book[sheet][1]]
    book[sheet].cell(row=row, column=header.index(column_name) + 1, value=value)


@pytest.fixture
def exported(chancheng, adam):
    assert load(chancheng, sample_items(), adam).ok
    return chancheng


def located(report):
    return {(p.sheet, p.row, p.column) for p in report.problems}


def assert_refused(district, payload, fmt, expected_location):
    before = state(district)
    report = catalog_import(district=district, payload=payload, fmt=fmt, actor=None)
    assert not report.ok
    assert expected_location in located(report), report.problems
    assert (report.created, report.updated, report.unchanged) == ([], [], [])
    assert state(district) == before
    return report


def test_a_wrong_enum_value_is_reported_at_its_cell_and_changes_nothing(exported):
    payload = edited_workbook(exported, lambda b: set_cell(b, "items", 3, "kind", "urgent"))
    report = assert_refused(exported, payload, "xlsx", ("items", 3, "kind"))
    assert "urgent" in report.problems[0].message


def test_an_unknown_department_is_reported_and_changes_nothing(exported):
    payload = edited_workbook(exported, lambda b: set_cell(b, "items", 2, "department", "NOPE"))
    assert_refused(exported, payload, "xlsx", ("items", 2, "department"))


def test_a_lint_failure_is_reported_at_the_material_row_and_changes_nothing(exported):
    payload = edited_workbook(exported, lambda b: set_cell(b, "materials", 3, "name", "其他相关材料"))
    report = assert_refused(exported, payload, "xlsx", ("materials", 3, "name"))
    assert any(p.code == "catch_all_material" for p in report.problems)


def test_stage_shares_that_do_not_add_up_are_reported_on_the_stages_sheet(exported):
    payload = edited_workbook(exported, lambda b: set_cell(b, "stages", 2, "share", 11))
    report = assert_refused(exported, payload, "xlsx", ("stages", 2, "share"))
    assert {p.code for p in report.problems} == {"stage_shares_total"}


def test_a_missing_column_is_reported_and_changes_nothing(exported):
    def drop_column(book):
        header = [c.value for c in book["items"][1]]
        book["items"].delete_cols(header.index("promised_limit") + 1)

    assert_refused(exported, edited_workbook(exported, drop_column), "xlsx", ("items", 1, "promised_limit"))


def test_a_missing_sheet_is_reported(exported):
    payload = edited_workbook(exported, lambda b: b.remove(b["stages"]))
    assert_refused(exported, payload, "xlsx", ("stages", None, ""))


def test_a_cell_of_the_wrong_type_is_reported(exported):
    payload = edited_workbook(exported, lambda b: set_cell(b, "materials", 2, "copies", "two"))
    assert_refused(exported, payload, "xlsx", ("materials", 2, "copies"))


def test_a_criterion_of_an_unknown_material_is_reported(exported):
    payload = edited_workbook(exported, lambda b: set_cell(b, "criteria", 2, "material_code", "M99"))
    assert_refused(exported, payload, "xlsx", ("criteria", 2, "material_code"))


def test_bytes_that_are_not_a_workbook_are_reported_and_change_nothing(exported):
    assert_refused(exported, b"PK\x03\x04 this is not really a zip", "xlsx", ("file", None, ""))
    assert_refused(exported, "编号,名称\n1,出生登记".encode(), "xlsx", ("file", None, ""))


def test_a_json_text_with_problems_is_reported_by_item_and_field(exported):
    items = sample_items()
    items[1]["materials"][0]["necessity"] = "sometimes"
    items[2]["contact_phone"] = items[2]["complaint_phone"]
    payload = dump_json(f.catalog(exported.code, *items))
    report = assert_refused(exported, payload, "json", ("items", 2, "materials[0].necessity"))
    assert ("items", 3, "complaint_phone") in located(report)


def test_a_json_text_in_another_format_is_refused(exported):
    assert_refused(exported, json.dumps({"items": []}).encode(), "json", ("file", None, "format"))
    assert_refused(exported, b"{not json", "json", ("file", None, ""))


def test_a_duplicate_item_code_is_refused(exported):
    payload = dump_json(f.catalog(exported.code, f.item(), f.item()))
    assert_refused(exported, payload, "json", ("items", 2, "code"))


def test_a_date_in_the_future_is_refused_before_anything_is_written(chancheng, adam):
    before = District.objects.get(pk=chancheng.pk).catalog_revision
    items = sample_items()
    items.append(f.item("BDC-009", valid_from="2099-01-01"))
    report = load(chancheng, items, adam)
    assert not report.ok and ("items", 4, "valid_from") in located(report)
    assert not Item.objects.filter(district=chancheng).exists()
    assert District.objects.get(pk=chancheng.pk).catalog_revision == before
