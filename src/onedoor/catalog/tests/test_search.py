"""Guide search in citizens' own words over the Chancheng demo catalog, loaded through the catalog importer:
the everyday query set, pinyin, typos, synonyms, filters, and an index that follows the published catalog."""

import pytest

from onedoor.catalog import selectors, services
from onedoor.catalog.search import search
from onedoor.demo.data.search_queries import QUERIES

pytestmark = pytest.mark.django_db


def top(district, q, n=3, **filters):
    return [hit.code for hit in search(district, q, limit=n, **filters)]


def code_of(items, name):
    return next(item["code"] for item in items if item["name"] == name)


def test_the_everyday_query_set_finds_the_right_item_in_the_top_three(chancheng, demo_catalog):
    misses = []
    for query, expected in QUERIES:
        found = top(chancheng, query)
        if not set(found) & set(expected):
            misses.append((query, expected, found))
    rate = 1 - len(misses) / len(QUERIES)
    print(f"\nguide search top-3 hit rate: {len(QUERIES) - len(misses)}/{len(QUERIES)} = {rate:.1%}")
    for query, expected, found in misses:
        print(f"  miss: {query!r} expected {', '.join(expected)}; got {', '.join(found) or 'nothing'}")
    assert rate >= 0.90


def test_pinyin_initials_find_the_item(chancheng, demo_catalog):
    assert top(chancheng, "csdj", 1) == [code_of(demo_catalog, "出生登记（新生儿入户）")]
    assert top(chancheng, "BDCYYDJ", 1) == [code_of(demo_catalog, "不动产异议登记")]


def test_full_pinyin_with_a_dropped_g_still_finds_the_item(chancheng, demo_catalog):
    birth = code_of(demo_catalog, "出生登记（新生儿入户）")
    assert top(chancheng, "chushengdengji", 1) == [birth]
    assert top(chancheng, "chushendengji", 1) == [birth]


def test_a_homophone_typo_finds_the_item(chancheng, demo_catalog):
    assert top(chancheng, "出生登纪", 1) == [code_of(demo_catalog, "出生登记（新生儿入户）")]
    assert top(chancheng, "身分证丢了", 1) == [code_of(demo_catalog, "居民身份证补领（遗失补办）")]


def test_a_missing_character_finds_the_item(chancheng, demo_catalog):
    assert code_of(demo_catalog, "出生登记（新生儿入户）") in top(chancheng, "出登记")


def test_a_citizens_synonym_finds_the_official_item(chancheng, demo_catalog):
    assert top(chancheng, "生孩子", 1) == [code_of(demo_catalog, "出生登记（新生儿入户）")]
    assert top(chancheng, "开公司", 1) == [code_of(demo_catalog, "企业设立登记（有限责任公司）")]
    assert top(chancheng, "房子登记有异议", 1) == [code_of(demo_catalog, "不动产异议登记")]


def test_a_long_everyday_sentence_finds_the_item(chancheng, demo_catalog):
    assert top(chancheng, "我家孩子刚出生要去上户口", 1) == [code_of(demo_catalog, "出生登记（新生儿入户）")]


def test_hits_come_best_first_with_their_version(chancheng, demo_catalog):
    hits = search(chancheng, "公积金提取", limit=10)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    current = selectors.published_versions(chancheng).get(item__code=hits[0].code)
    assert (hits[0].version_id, hits[0].item_id, hits[0].name) == (current.id, current.item_id, current.name)


def test_filters_narrow_the_hits(chancheng, demo_catalog):
    items = {item["code"]: item for item in demo_catalog}
    for filters, holds in [
        ({"subject": "enterprise"}, lambda i: i["subject"] == "enterprise"),
        ({"department": "GJJ"}, lambda i: i["department"] == "GJJ"),
        ({"instant": True}, lambda i: i["kind"] == "instant"),
        ({"instant": False}, lambda i: i["kind"] == "promised"),
        ({"depth": 4}, lambda i: i["depth"] == 4),
        ({"theme": "不动产"}, lambda i: "不动产" in i["themes"]),
    ]:
        codes = top(chancheng, "登记", 50, **filters)
        assert codes, filters
        assert all(holds(items[code]) for code in codes), filters


def test_an_empty_query_lists_the_filtered_items_by_code(chancheng, demo_catalog):
    codes = top(chancheng, "  ", 100, department="BDC")
    assert codes == sorted(item["code"] for item in demo_catalog if item["department"] == "BDC")


def test_nonsense_finds_nothing(chancheng, demo_catalog):
    assert search(chancheng, "qxzvbk") == []
    assert search(chancheng, "！？") == []


def test_a_new_version_with_a_new_synonym_is_found_at_once(chancheng, adam, demo_catalog):
    item = selectors.item_by_code(chancheng, code_of(demo_catalog, "不动产异议登记"))
    assert top(chancheng, "屋契争执", 1) != [item.code]
    version = services.version_draft(item=item, actor=adam, changes={"keywords": "屋契争执"})
    services.version_publish(version=version, actor=adam)
    assert top(chancheng, "屋契争执", 1) == [item.code]
    assert search(chancheng, "屋契争执", limit=1)[0].version_id == version.id


def test_a_retired_item_is_no_longer_found(chancheng, adam, demo_catalog):
    item = selectors.item_by_code(chancheng, code_of(demo_catalog, "不动产异议登记"))
    services.item_retire(item=item, actor=adam, reason="test")
    assert item.code not in top(chancheng, "房子登记有异议", 20)


def test_another_districts_catalog_is_never_searched(chancheng, hetang, demo_catalog):
    assert search(hetang, "生孩子") == []
    assert all(code.startswith("440604-") for code in top(chancheng, "登记", 50))
