"""The embedded Chinese font: present, covering rare name characters, with fallbacks and a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from onedoor.documents import fonts, render_receipt
from onedoor.documents.tests import pdfcheck

ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#0"
MICROHEI = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0"
RARE = "刘䶮"  # 䶮 U+4DAE is in CJK Extension A, as are many characters of personal names


def installed(spec):
    return Path(spec.partition("#")[0]).is_file()


def test_the_main_font_is_a_truetype_cjk_font_with_extension_a(receipt_data):
    font_set = fonts.font_set()
    assert font_set.font_for("禅") == font_set.main
    assert font_set.font_for("䶮") is not None


def test_a_name_with_an_extension_a_character_is_printed_and_reads_back(receipt_data):
    text = pdfcheck.text(render_receipt({**receipt_data, "applicant_name": RARE}))
    assert f"{RARE}（440604**********3X）" in text


@pytest.mark.skipif(not (installed(ZENHEI) and installed(MICROHEI)), reason="needs both WenQuanYi fonts")
def test_characters_the_main_font_lacks_come_from_a_fallback_font(receipt_data, font_list):
    font_list(MICROHEI, ZENHEI)  # Micro Hei lacks Extension A; Zen Hei has it
    assert fonts.font_set().font_for("䶮") != fonts.font_set().main
    pdf = render_receipt({**receipt_data, "applicant_name": RARE})
    assert f"{RARE}（" in pdfcheck.text(pdf)
    found = pdfcheck.fonts(pdf)
    names = " ".join(f["name"] for f in found)
    assert "MicroHei" in names and "ZenHei" in names
    assert all(f["embedded"] for f in found)


def test_without_any_usable_font_rendering_stops_with_how_to_install_one(receipt_data, font_list, tmp_path):
    not_truetype = tmp_path / "broken.ttf"
    not_truetype.write_bytes(b"not a font")
    font_list(str(tmp_path / "missing.ttf"), str(not_truetype))
    with pytest.raises(fonts.FontMissing, match="fonts-wqy-zenhei"):
        render_receipt(receipt_data)


def test_a_cff_opentype_font_is_skipped_for_the_next_one(receipt_data, font_list):
    noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#2"
    if not installed(noto) or not installed(ZENHEI):
        pytest.skip("needs fonts-noto-cjk and fonts-wqy-zenhei")
    font_list(noto, ZENHEI)
    assert "ZenHei" in pdfcheck.fonts(render_receipt(receipt_data))[0]["name"]
