"""电子证照: the signed electronic result, readable and checkable on paper and on screen."""

from __future__ import annotations

import pytest

from onedoor.core.signing import signature_fingerprint
from onedoor.documents import render_certificate
from onedoor.documents.tests import pdfcheck


def test_the_certificate_shows_title_holder_item_issuer_and_dates_in_chinese(certificate_data):
    text = pdfcheck.text(render_certificate(certificate_data))
    for expected in [
        "食品经营许可证",
        "电子证照",
        "证照编号JY24406040012345",
        "持证主体佛山市禅城区张记餐饮店",
        "证件号码92440604MA4UABCD1X",
        "办理事项食品经营许可（新办）",
        "经营场所佛山市禅城区祖庙路1号首层",
        "主体业态餐饮服务经营者（小型餐馆）",
        "发证机关佛山市禅城区市场监督管理局",
        "发证日期2026年3月2日",
        "有效期至2031年3月1日",
    ]:
        assert expected in text, expected


def test_the_certificate_names_its_signing_key_and_the_fingerprint_of_its_signature(certificate_data):
    text = pdfcheck.text(render_certificate(certificate_data))
    assert "Ed25519" in text
    assert f"签名密钥标识：{certificate_data['key_id']}" in text
    assert f"签名指纹：{signature_fingerprint(certificate_data['signature'])}" in text
    assert certificate_data["signature"] not in text  # the full signature lives in the JSON, not on paper


def test_the_certificate_carries_the_a_level_watermark_of_its_issuer(certificate_data):
    text = pdfcheck.text(render_certificate(certificate_data))
    assert "此件由佛山市禅城区市场监督管理局提供，仅供办理政务服务事项时使用" in text
    text = pdfcheck.text(render_certificate({**certificate_data, "issuer": "禅城区政务服务数据管理局"}))
    assert "此件由禅城区政务服务数据管理局提供，仅供办理政务服务事项时使用" in text


def test_the_certificate_carries_the_qr_code_of_its_verify_page(certificate_data):
    pdf = render_certificate(certificate_data)
    assert pdfcheck.qr_matches(pdf, certificate_data["verify_url"])
    assert certificate_data["verify_url"] in pdfcheck.text(pdf)


def test_every_font_in_the_certificate_is_embedded(certificate_data):
    found = pdfcheck.fonts(render_certificate(certificate_data))
    assert found and all(font["embedded"] for font in found), found


def test_the_certificate_metadata_names_the_document_and_its_issuer(certificate_data):
    meta = pdfcheck.read(render_certificate(certificate_data)).metadata
    assert meta.title == "食品经营许可证 JY24406040012345"
    assert meta.author == "佛山市禅城区市场监督管理局"


def test_a_certificate_never_prints_a_full_resident_id_number(certificate_data):
    with pytest.raises(ValueError, match="masked"):
        render_certificate({**certificate_data, "holder_id": "44060419900101123X"})


def test_a_certificate_without_a_valid_signature_is_refused(certificate_data):
    with pytest.raises(ValueError, match="signature"):
        render_certificate({**certificate_data, "signature": ""})
    with pytest.raises(ValueError, match="Ed25519"):
        render_certificate({**certificate_data, "signature": "not-a-signature"})
