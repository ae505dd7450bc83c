"""Every lint rule, one failing and one passing case each. Pure: no database."""

import pytest

from onedoor.catalog.lint import is_catch_all, lint_item
from onedoor.catalog.tests import factories as f


def codes(data):
    return {(p.code, p.field) for p in lint_item(data)}


def blocking_codes(data):
    return {p.code for p in lint_item(data) if p.blocking}


def test_the_reference_items_pass_the_lint():
    for kind in ("instant", "promised"):
        for item_type in ("licensing", "confirmation", "public_service"):
            assert lint_item(f.item(kind=kind, item_type=item_type)) == []


# --- limits ----------------------------------------------------------------------------------------
def test_a_promised_item_with_a_zero_limit_is_refused():
    assert ("limit_kind_mismatch", "promised_limit") in codes(f.item(promised_limit=0))


def test_an_instant_item_with_a_limit_is_refused():
    assert ("limit_kind_mismatch", "promised_limit") in codes(f.item(kind="instant", promised_limit=3))


def test_an_instant_item_with_a_zero_limit_passes():
    assert "limit_kind_mismatch" not in blocking_codes(f.item(kind="instant", promised_limit=0))


def test_a_promised_limit_over_the_legal_limit_is_refused():
    assert ("promised_over_legal", "promised_limit") in codes(f.item(promised_limit=12, legal_limit=10))


def test_a_promised_limit_within_the_legal_limit_or_without_one_passes():
    assert "promised_over_legal" not in blocking_codes(f.item(promised_limit=10, legal_limit=10))
    assert "promised_over_legal" not in blocking_codes(f.item(promised_limit=12, legal_limit=0))


# --- channels --------------------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [0, 5])
def test_a_depth_outside_one_to_four_is_refused(depth):
    assert ("bad_depth", "depth") in codes(f.item(depth=depth))


def test_a_depth_of_four_passes_with_no_visits():
    assert blocking_codes(f.item(depth=4, visits=0, visits_reason="")) == set()


def test_a_fully_online_item_with_visits_is_refused():
    assert ("fully_online_visits", "visits") in codes(f.item(depth=4, visits=1))


def test_visits_without_a_reason_are_refused():
    assert ("visits_reason_missing", "visits_reason") in codes(f.item(visits=2, visits_reason=" "))


def test_visits_with_a_reason_pass():
    assert "visits_reason_missing" not in blocking_codes(f.item(visits=2))


def test_no_visit_without_post_or_full_online_is_only_a_warning():
    problems = [
        p for p in lint_item(f.item(visits=0, depth=3, express=False)) if p.code == "no_visit_without_post"
    ]
    assert problems and not problems[0].blocking
    assert "no_visit_without_post" not in {p.code for p in lint_item(f.item(visits=0, depth=3, express=True))}


# --- fees, place, phones ---------------------------------------------------------------------------
def test_a_fee_without_items_and_basis_is_refused():
    found = codes(f.item(free=False))
    assert ("fee_details_missing", "fee_items") in found
    assert ("fee_details_missing", "fee_basis") in found


def test_a_fee_with_items_and_basis_passes():
    data = f.item(free=False, fee_items="登记费 80 元/件", fee_basis="发改价格规〔2016〕2559号")
    assert "fee_details_missing" not in blocking_codes(data)


def test_a_guide_without_a_handling_place_is_refused():
    assert ("handling_place_missing", "handling_place") in codes(f.item(handling_place=""))


def test_a_guide_without_phones_is_refused():
    found = codes(f.item(contact_phone="", complaint_phone=""))
    assert ("contact_missing", "contact_phone") in found
    assert ("complaint_missing", "complaint_phone") in found


def test_the_same_consultation_and_complaint_phone_is_refused():
    assert ("phones_identical", "complaint_phone") in codes(
        f.item(contact_phone="12345", complaint_phone="12345")
    )


def test_different_phones_pass():
    assert "phones_identical" not in blocking_codes(f.item(contact_phone="0757-1", complaint_phone="12345"))


def test_a_certificate_result_without_the_certificate_type_is_only_a_warning():
    data = f.item(result_name="不动产权证", result_type="登记")
    warnings = [p for p in lint_item(data) if p.code == "certificate_result_type"]
    assert warnings and not warnings[0].blocking
    assert "certificate_result_type" not in {
        p.code for p in lint_item(f.item(result_name="不动产权证", result_type="出证办结"))
    }


# --- materials -------------------------------------------------------------------------------------
def test_a_required_material_without_criteria_is_refused():
    data = f.item(materials=[f.material("M01", criteria=[])])
    assert ("criteria_missing", "materials[0].criteria") in codes(data)


def test_an_optional_material_without_criteria_passes():
    data = f.item(
        materials=[f.material("M01"), f.material("M02", "户口簿", necessity="optional", criteria=[])]
    )
    assert "criteria_missing" not in blocking_codes(data)


@pytest.mark.parametrize(
    "name",
    [
        "其他材料",
        "其它材料",
        "相关材料",
        "其他相关材料",
        "相关证明材料",
        "身份证、户口簿等材料",
        "营业执照等相关材料",
        "根据法律法规需要提交的其他材料",
        "根据法律、法规需要提交的其它材料",
        "法律、法规、规章规定的其他材料",
        "审批机关认为需要提交的其他材料",
        "其他需要提交的材料",
    ],
)
def test_a_catch_all_material_is_refused(name):
    assert is_catch_all(name)
    data = f.item(materials=[f.material("M01", name)])
    assert ("catch_all_material", "materials[0].name") in codes(data)


@pytest.mark.parametrize(
    "name", ["居民身份证", "其他共有人的身份证明材料", "证实对登记的不动产权利有利害关系的材料", "结婚证"]
)
def test_a_named_material_passes(name):
    assert not is_catch_all(name)


def test_a_material_supplied_later_needs_acceptance_with_gaps():
    data = f.item(materials=[f.material("M01"), f.material("M02", "户口簿", necessity="later")])
    assert ("later_without_gaps", "materials[1].necessity") in codes(data)
    assert "later_without_gaps" not in blocking_codes({**data, "accept_with_gaps": True})


def test_a_settled_material_needs_its_record_type():
    data = f.item(materials=[f.material("M01", source="settled")])
    assert ("record_type_missing", "materials[0].record_type") in codes(data)
    ok = f.item(materials=[f.material("M01", source="settled", record_type="household_register")])
    assert "record_type_missing" not in blocking_codes(ok)


def test_a_material_from_another_department_names_that_department():
    data = f.item(materials=[f.material("M01", source="department")])
    assert ("source_department_missing", "materials[0].source_department") in codes(data)
    ok = f.item(materials=[f.material("M01", source="department", source_department="区民政局")])
    assert "source_department_missing" not in blocking_codes(ok)


def test_duplicate_material_codes_are_refused():
    data = f.item(
        materials=[f.material("M01"), f.material("M01", "户口簿", criteria=[{"id": "X", "text": "t"}])]
    )
    assert ("duplicate_material_code", "materials[1].code") in codes(data)


def test_duplicate_criterion_ids_within_an_item_are_refused():
    data = f.item(
        materials=[f.material("M01"), f.material("M02", "户口簿", criteria=[{"id": "M01-1", "text": "t"}])]
    )
    assert ("duplicate_criterion_id", "materials[1].criteria[0].id") in codes(data)


def test_unique_codes_and_ids_pass():
    data = f.item(materials=[f.material("M01"), f.material("M02", "户口簿")])
    assert not blocking_codes(data) & {"duplicate_material_code", "duplicate_criterion_id"}


# --- stages ----------------------------------------------------------------------------------------
def test_an_item_without_stages_is_refused():
    assert ("stages_missing", "stages") in codes(f.item(stages=[]))


def test_a_stage_without_a_description_is_refused():
    data = f.item()
    data["stages"][1]["description"] = ""
    assert ("stage_description_missing", "stages[1].description") in codes(data)


def test_a_stage_code_used_twice_is_refused():
    data = f.item()
    review = next(i for i, s in enumerate(data["stages"]) if s["code"] == "review")
    data["stages"].insert(review + 1, {**data["stages"][review], "name": "复审", "share": 0})
    data["stages"][review]["share"] //= 2
    data["stages"][review + 1]["share"] = data["stages"][review]["share"] + (
        100 - sum(s["share"] for s in data["stages"])
    )
    assert ("duplicate_stage_code", f"stages[{review + 1}].code") in codes(data)
    assert "duplicate_stage_code" in blocking_codes(data)
    assert "duplicate_stage_code" not in blocking_codes(f.item())


def test_a_stage_without_a_share_is_refused():
    data = f.item()
    data["stages"][0]["share"] = 0
    data["stages"][1]["share"] += 10
    assert ("stage_share_missing", "stages[0].share") in codes(data)


def test_shares_that_do_not_add_up_to_100_are_refused():
    data = f.item()
    data["stages"][0]["share"] += 1
    assert ("stage_shares_total", "stages") in codes(data)


def test_a_licensing_item_without_delivery_is_refused():
    data = f.item(item_type="licensing", stages=f.default_stages("confirmation", "promised"))
    problems = [p for p in lint_item(data) if p.code == "licensing_stages_missing"]
    assert problems and "送达" in problems[0].message


def test_a_licensing_item_may_call_its_approval_stage_shenpi():
    stages = f.default_stages("licensing", "promised")
    approve = next(s for s in stages if s["code"] == "approve")
    approve.update(code="other", name="审批")
    assert "licensing_stages_missing" not in blocking_codes(f.item(item_type="licensing", stages=stages))


def test_a_non_licensing_item_needs_no_delivery_stage():
    assert "licensing_stages_missing" not in blocking_codes(f.item(item_type="public_service"))


# --- shape -----------------------------------------------------------------------------------------
def test_an_empty_name_is_refused():
    assert ("required", "name") in codes(f.item(name="  "))
    data = f.item()
    data["materials"][0]["name"] = ""
    assert ("required", "materials[0].name") in codes(data)
    data["stages"][0]["name"] = ""
    assert ("required", "stages[0].name") in codes(data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", "company"),
        ("item_type", "permit"),
        ("kind", "urgent"),
        ("power_source", 7),
        ("levels", ["province"]),
        ("exercise_level", "village"),
    ],
)
def test_a_value_outside_its_enum_is_refused(field, value):
    assert ("bad_choice", field) in codes(f.item(**{field: value}))


def test_enum_values_inside_nested_objects_are_checked():
    data = f.item()
    data["materials"][0]["necessity"] = "maybe"
    data["materials"][0]["criteria"][0]["kind"] = "vibe"
    data["stages"][0]["role"] = "janitor"
    data["stages"][1]["code"] = "ponder"
    found = codes(data)
    assert {
        ("bad_choice", "materials[0].necessity"),
        ("bad_choice", "materials[0].criteria[0].kind"),
        ("bad_choice", "stages[0].role"),
        ("bad_choice", "stages[1].code"),
    } <= found


def test_a_wrong_type_and_an_unknown_key_are_refused_without_crashing():
    found = codes(f.item(depth="four", free="yes", valid_from="yesterday", promise_limit=3))
    assert {
        ("bad_type", "depth"),
        ("bad_type", "free"),
        ("bad_type", "valid_from"),
        ("unknown_field", "promise_limit"),
    } <= found


def test_a_missing_required_key_is_reported():
    data = f.item()
    del data["kind"]
    assert ("required", "kind") in codes(data)


def test_every_message_names_its_field_or_item():
    data = f.item(free=False, handling_place="", depth=4, visits=1)
    for problem in lint_item(data):
        assert problem.message and problem.field
