"""受理回执: what the applicant takes home must show, in Chinese, on any viewer."""

from __future__ import annotations

import datetime as dt

import pytest

from onedoor.documents import render_receipt
from onedoor.documents.tests import pdfcheck


def test_the_receipt_shows_the_case_the_applicant_and_the_item_in_chinese(receipt_data):
    text = pdfcheck.text(render_receipt(receipt_data))
    for expected in [
        "受理回执",
        "禅城区行政服务中心",
        "办件编号：440604-20260302-000123",
        "张三丰（440604**********3X）",
        "不动产登记（存量房买卖转移登记）",
        "佛山市禅城区不动产登记中心",
        "综合窗口03",
        "受理人李四",
        "咨询电话：0757-83030000",
        "投诉电话：12345",
    ]:
        assert expected in text, expected


def test_the_receipt_shows_acceptance_in_local_time_and_the_promised_deadline(receipt_data):
    text = pdfcheck.text(render_receipt(receipt_data))
    assert "2026年3月2日10:15" in text  # 02:15 UTC is 10:15 in Asia/Shanghai
    assert "2026年3月16日前（10个工作日）" in text


def test_the_receipt_lists_materials_received_waived_with_their_record_and_to_supply_later(receipt_data):
    text = pdfcheck.text(render_receipt(receipt_data))
    assert "已收取材料" in text
    assert "房屋买卖合同（网签备案）原件1份，复印件2份" in text
    assert "免于提交材料" in text
    assert "户口簿户籍证明（区公安分局，A级）" in text
    assert "婚姻状况证明结婚登记记录（区民政局，A级）" in text
    assert "容缺后补材料" in text
    assert "契税完税证明2026年3月9日" in text


@pytest.mark.parametrize(
    ("mode", "shown", "notice"),
    [
        ("normal", "一般受理", None),
        ("trust_first", "告知承诺", "承诺不实"),
        ("with_gaps", "容缺受理", "逾期未补交"),
    ],
)
def test_the_receipt_names_the_acceptance_mode_and_gives_its_notice(receipt_data, mode, shown, notice):
    text = pdfcheck.text(render_receipt({**receipt_data, "mode": mode}))
    assert f"受理方式{shown}" in text
    if notice:
        assert notice in text
    assert "一次性告知" in text


def test_sections_without_materials_are_left_out_and_the_rest_numbered_in_order(receipt_data):
    data = {**receipt_data, "materials_waived": [], "mode": "normal", "materials_later": []}
    text = pdfcheck.text(render_receipt(data))
    assert "一、已收取材料" in text
    assert "免于提交" not in text and "容缺后补" not in text and "二、" not in text


def test_the_receipt_carries_the_qr_code_of_the_public_progress_page(receipt_data):
    pdf = render_receipt(receipt_data)
    assert pdfcheck.qr_matches(pdf, receipt_data["progress_url"])
    assert not pdfcheck.qr_matches(pdf, receipt_data["progress_url"] + "x")
    assert receipt_data["progress_url"] in pdfcheck.text(pdf)


def test_every_font_in_the_receipt_is_embedded(receipt_data):
    found = pdfcheck.fonts(render_receipt(receipt_data))
    assert found
    assert all(font["embedded"] for font in found), found
    assert not any("Helvetica" in font["name"] for font in found)


def test_a_long_list_of_materials_runs_onto_a_second_page_with_its_header_repeated(receipt_data):
    many = [{"name": f"补充材料第{n}项", "note": "复印件1份"} for n in range(1, 61)]
    pdf = render_receipt({**receipt_data, "materials_received": many})
    reader = pdfcheck.read(pdf)
    assert len(reader.pages) >= 2
    second = "".join(reader.pages[1].extract_text().split())
    assert "材料名称" in second
    text = pdfcheck.text(pdf)
    assert "补充材料第1项" in text and "补充材料第60项" in text


def test_the_same_data_gives_the_same_bytes(receipt_data):
    assert render_receipt(receipt_data) == render_receipt(dict(receipt_data))


def test_dates_may_come_as_iso_strings(receipt_data):
    data = {
        **receipt_data,
        "accepted_at": "2026-03-02T10:15:00+08:00",
        "deadline": "2026-03-16",
        "materials_later": [{"name": "契税完税证明", "deadline": "2026-03-09"}],
    }
    text = pdfcheck.text(render_receipt(data))
    assert "2026年3月2日10:15" in text and "2026年3月16日" in text and "2026年3月9日" in text


def test_markup_characters_in_data_are_printed_as_text(receipt_data):
    text = pdfcheck.text(render_receipt({**receipt_data, "applicant_name": "A&B<公司>"}))
    assert "A&B<公司>" in text


def test_a_receipt_never_prints_a_full_resident_id_number(receipt_data):
    with pytest.raises(ValueError, match="masked"):
        render_receipt({**receipt_data, "applicant_id": "44060419900101123X"})


def test_a_receipt_lacking_required_data_is_refused_with_what_is_missing(receipt_data):
    data = {k: v for k, v in receipt_data.items() if k not in ("number", "deadline")}
    with pytest.raises(ValueError, match="number, deadline"):
        render_receipt(data)
    with pytest.raises(ValueError, match="Unknown acceptance mode"):
        render_receipt({**receipt_data, "mode": "instant"})


def test_a_receipt_renders_in_well_under_a_tenth_of_a_second(receipt_data):
    import time

    render_receipt(receipt_data)  # the first render in a process reads the font
    start = time.process_time()
    for _ in range(5):
        render_receipt({**receipt_data, "accepted_at": dt.datetime(2026, 3, 2, 9, 0)})
    assert (time.process_time() - start) / 5 < 0.1
