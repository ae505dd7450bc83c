"""Receipt and certificate data as the cases app passes them: plain dicts, Chinese throughout."""

from __future__ import annotations

import datetime as dt

import pytest

from onedoor.core import signing
from onedoor.documents import fonts, layout


@pytest.fixture
def receipt_data():
    return {
        "district": "禅城区",
        "centre": "禅城区行政服务中心",
        "number": "440604-20260302-000123",
        "applicant_name": "张三丰",
        "applicant_id": "440604**********3X",
        "item": "不动产登记（存量房买卖转移登记）",
        "item_code": "11440604007523311J4440113000000",
        "department": "佛山市禅城区不动产登记中心",
        "accepted_at": dt.datetime(2026, 3, 2, 2, 15, tzinfo=dt.UTC),
        "mode": "with_gaps",
        "materials_received": [
            {"name": "不动产登记申请书", "note": "原件1份"},
            "申请人身份证明",
            {"name": "房屋买卖合同（网签备案）", "note": "原件1份，复印件2份"},
        ],
        "materials_waived": [
            {"name": "户口簿", "satisfied_by": "户籍证明（区公安分局，A级）"},
            {"name": "婚姻状况证明", "satisfied_by": "结婚登记记录（区民政局，A级）"},
        ],
        "materials_later": [{"name": "契税完税证明", "deadline": dt.date(2026, 3, 9)}],
        "deadline": dt.date(2026, 3, 16),
        "time_limit": "10个工作日",
        "window": "综合窗口03",
        "staff": "李四",
        "progress_url": "https://onedoor.example.gov.cn/progress/440604-20260302-000123",
        "consultation_phone": "0757-83030000",
        "complaint_phone": "12345",
    }


@pytest.fixture
def signer():
    return signing.generate_private_key()


@pytest.fixture
def certificate_data(signer):
    payload = {"certificate_id": "JY24406040012345", "holder": "佛山市禅城区张记餐饮店"}
    return {
        "district": "佛山市禅城区",
        "title": "食品经营许可证",
        "certificate_id": "JY24406040012345",
        "holder_name": "佛山市禅城区张记餐饮店",
        "holder_id": "92440604MA4UABCD1X",
        "item": "食品经营许可（新办）",
        "department": "佛山市禅城区市场监督管理局",
        "issued_on": "2026-03-02",
        "valid_until": dt.date(2031, 3, 1),
        "fields": [("经营场所", "佛山市禅城区祖庙路1号首层"), ("主体业态", "餐饮服务经营者（小型餐馆）")],
        "verify_url": "https://onedoor.example.gov.cn/verify/JY24406040012345",
        "key_id": signing.key_id(signer.public_key()),
        "signature": signing.sign(signer, payload),
    }


@pytest.fixture
def font_list(monkeypatch):
    """use(*specs): render with these fonts (ONEDOOR_PDF_FONTS) for the rest of the test."""

    def use(*specs):
        monkeypatch.setenv("ONEDOOR_PDF_FONTS", ",".join(specs))
        monkeypatch.setattr(fonts, "_fonts", None)
        layout.styles.cache_clear()

    yield use
    layout.styles.cache_clear()
