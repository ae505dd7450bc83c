"""Text handling and the index itself, without a database: normalization, pinyin, filler words, and ranking
over an index built from a handful of rows."""

from onedoor.catalog import search as search_module
from onedoor.catalog.search_index import build_index
from onedoor.catalog.search_text import content_mask, initials, name_parts, normalize, syllables


def test_normalize_folds_full_width_case_spaces_and_punctuation():
    assert normalize("  ＫＴＶ 经营，许可（告知承诺）！") == "ktv经营许可告知承诺"


def test_pinyin_syllables_and_initials():
    assert syllables("出生登记") == ("chu", "sheng", "deng", "ji")
    assert initials("出生登记") == "csdj"
    assert initials("开ktv") == "kktv"


def test_a_name_splits_into_its_main_part_and_the_bracketed_parts():
    assert name_parts("居民身份证换领（有效期满）") == [("居民身份证换领", True), ("有效期满", False)]
    assert name_parts("收养登记") == []


def test_filler_words_do_not_count_as_content():
    query = "我想问一下怎么办结婚证"
    kept = "".join(ch for ch, keep in zip(query, content_mask(query), strict=True) if keep)
    assert kept == "结婚证"
    assert all(content_mask("的了吗"))  # a query of fillers only is all content


def row(
    n, code, name, keywords="", *, subject="person", dept="GA", kind="instant", depth=3, themes=(), events=()
):
    return (n, n, code, name, subject, dept, "佛山市公安局禅城分局", "区公安分局", kind, depth, keywords,
            list(themes), list(events), "")  # fmt: skip


def search_in(rows, q, **filters):
    index = build_index(rows)
    original = search_module._index_for
    search_module._index_for = lambda district: index
    try:
        return [hit.code for hit in search_module.search(None, q, **filters)]
    finally:
        search_module._index_for = original


ROWS = [
    row(1, "A", "出生登记（新生儿入户）", "生孩子,上户口", events=["出生"]),
    row(2, "B", "居民身份证换领（有效期满）", "换身份证,身份证到期", kind="promised"),
    row(3, "C", "死亡人员户口注销", "销户", events=["身故"]),
    row(4, "D", "企业设立登记", "开公司", subject="enterprise", dept="SJ", depth=4),
]


def test_an_exact_name_outranks_a_partial_match():
    assert search_in(ROWS, "出生登记")[0] == "A"


def test_the_query_inside_a_name_finds_it():
    assert search_in(ROWS, "身份证") == ["B"]


def test_an_everyday_word_for_a_life_event_reaches_the_items_of_that_event():
    assert search_in(ROWS, "爷爷去世了怎么销户")[0] == "C"


def test_a_code_or_part_of_one_finds_its_item():
    rows = [row(1, "440604-GA-001", "出生登记"), row(2, "440604-GA-002", "居民身份证换领")]
    assert search_in(rows, "440604-GA-001") == ["440604-GA-001"]
    assert search_in(rows, "ga002") == ["440604-GA-002"]


def test_a_single_letter_or_punctuation_finds_nothing():
    assert search_in(ROWS, "x") == []
    assert search_in(ROWS, "？！") == []


def test_filters_apply_to_every_way_of_matching():
    assert search_in(ROWS, "登记", subject="enterprise") == ["D"]
    assert search_in(ROWS, "登记", instant=False) == []
    assert search_in(ROWS, "kgs", depth=4) == ["D"]
