"""The demo catalog content stays valid: every item passes the catalog lint, and the catalog has the size and
mix the demo district promises (issue 2, section 6)."""

from collections import Counter

import pytest

from onedoor.catalog.lint import lint_item
from onedoor.demo.data import chancheng_departments, chancheng_items, hetang_departments, hetang_items
from onedoor.demo.data.search_queries import PHRASINGS, QUERIES

CHANCHENG = chancheng_items()
HETANG = hetang_items()


def by_name(items, name):
    return next(item for item in items if item["name"] == name)


@pytest.mark.parametrize("item", CHANCHENG + HETANG, ids=lambda item: item["code"])
def test_every_demo_item_passes_the_catalog_lint_without_a_warning(item):
    assert [(p.code, p.field, p.message) for p in lint_item(item)] == []


def test_chancheng_has_24_departments_each_with_one_back_end_system():
    departments = chancheng_departments()
    assert len(departments) == 24
    assert len({d["code"] for d in departments}) == 24
    assert len({d["system"]["code"] for d in departments}) == 24
    assert all(d["system"]["name"] and d["phone"] for d in departments)
    assert "BDC" in {d["code"] for d in departments}


def test_the_catalog_has_enough_person_and_enterprise_items_and_most_are_instant():
    subjects = Counter(item["subject"] for item in CHANCHENG)
    instant = sum(item["kind"] == "instant" for item in CHANCHENG)
    assert subjects["person"] >= 120
    assert subjects["enterprise"] >= 40
    assert instant / len(CHANCHENG) >= 0.60  # the seed: over 60 % finished on the spot


def test_codes_and_names_are_unique_and_every_department_exists():
    departments = {d["code"] for d in chancheng_departments()}
    assert len({item["code"] for item in CHANCHENG}) == len(CHANCHENG)
    assert len({item["name"] for item in CHANCHENG}) == len(CHANCHENG)
    assert {item["department"] for item in CHANCHENG} == departments  # every department serves something
    assert all(len(item["basic_code"]) == 12 and item["basic_code"].isdigit() for item in CHANCHENG)


def test_the_seeds_objection_registration_is_instant_and_trust_first():
    item = by_name(CHANCHENG, "不动产异议登记")
    assert item["kind"] == "instant" and item["promised_limit"] == 0
    assert item["legal_limit"] == 20  # the seed: from 20 working days to 1.5 hours
    assert item["trust_first"] and item["trust_first_exclusions"]
    assert "房子登记有异议" in item["keywords"].split(",")


def test_some_items_trust_first_some_accept_with_gaps_and_some_materials_come_from_settled_records():
    trusting = [item for item in CHANCHENG if item["trust_first"]]
    gaps = [item for item in CHANCHENG if item["accept_with_gaps"]]
    settled = [m for item in CHANCHENG for m in item["materials"] if m["source"] == "settled"]
    assert len(trusting) >= 10 and all(item["trust_first_exclusions"] for item in trusting)
    assert len(gaps) >= 8
    assert all(any(m["necessity"] == "later" for m in item["materials"]) for item in gaps)
    assert {m["record_type"] for m in settled} >= {
        "id_card",
        "household_register",
        "marriage",
        "business_licence",
    }


def test_community_centres_handle_a_subset_of_the_items():
    everywhere = [item for item in CHANCHENG if not item["levels"] or "community" in item["levels"]]
    assert 20 <= len(everywhere) < len(CHANCHENG) / 2


def test_every_item_says_in_citizens_words_how_to_find_it():
    for item in CHANCHENG:
        assert len(item["keywords"].split(",")) >= 3, item["name"]
        assert item["themes"], item["name"]


def test_hetang_copies_a_dozen_items_with_its_own_codes_phones_and_halls():
    phones = {d["code"]: d["phone"] for d in hetang_departments()}
    assert 10 <= len(HETANG) <= 20
    for item in HETANG:
        assert item["code"].startswith("440699-")
        assert item["contact_phone"] == phones[item["department"]]
        assert item["complaint_phone"] == "0731-12345"
        assert "禅城" not in item["handling_place"] and "广东省" not in item["legal_basis"]
    assert "不动产异议登记" in {item["name"] for item in HETANG}


def test_the_query_set_has_over_100_everyday_phrasings_each_expecting_a_demo_item():
    codes = {item["code"] for item in CHANCHENG}
    assert len(PHRASINGS) >= 100
    assert len({query for query, _names in PHRASINGS}) == len(PHRASINGS)
    assert all(expected and set(expected) <= codes for _query, expected in QUERIES)
