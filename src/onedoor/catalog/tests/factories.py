"""Canonical item dicts that pass the lint, for tests to vary one field at a time."""

from __future__ import annotations

import copy

from onedoor.catalog.canonical import FORMAT, default_stages


def material(code="M01", name="居民身份证", *, necessity="required", criteria=None, **fields) -> dict:
    data = {
        "code": code,
        "name": name,
        "necessity": necessity,
        "form": "original",
        "copies": 1,
        "source": "applicant",
        "record_type": "",
        "source_department": "",
        "blank_form": "",
        "sample": "",
        "notes": "",
        "criteria": criteria
        if criteria is not None
        else [{"id": f"{code}-1", "text": "证件在有效期内", "kind": "validity", "mandatory": True}],
    }
    data.update(fields)
    return data


def item(code="BDC-001", *, department="BDC", item_type="confirmation", kind="promised", **fields) -> dict:
    """A complete, lint-clean item: 不动产异议登记 (the seed's item), promised in 1 working day."""
    data = {
        "code": code,
        "basic_code": "000000000001",
        "department": department,
        "subject": "person",
        "name": "不动产异议登记",
        "item_type": item_type,
        "kind": kind,
        "exercise_level": "district",
        "power_source": 1,
        "legal_basis": "《不动产登记暂行条例》第二十一条",
        "conditions": "利害关系人认为不动产登记簿记载的事项错误,权利人不同意更正的。",
        "legal_limit": 10 if kind == "promised" else 0,
        "legal_limit_note": "",
        "promised_limit": 1 if kind == "promised" else 0,
        "free": True,
        "fee_items": "",
        "fee_basis": "",
        "depth": 3,
        "visits": 1,
        "visits_reason": "需现场核验申请人身份并签署异议登记申请书。",
        "appointment": True,
        "express": True,
        "kiosk": False,
        "online_payment": False,
        "trust_first": False,
        "trust_first_exclusions": "",
        "accept_with_gaps": False,
        "levels": ["district"],
        "handling_place": "禅城区行政服务中心一楼综合窗口",
        "handling_hours": "周一至周五 9:00-12:00, 13:30-17:30",
        "contact_phone": "0757-83000001",
        "complaint_phone": "12345",
        "result_name": "不动产登记簿异议记载",
        "result_type": "登记",
        "keywords": "房子登记有异议,房产登记错误,异议登记",
        "themes": ["不动产"],
        "life_events": ["买房"],
        "valid_from": None,
        "materials": [
            material(
                "M01",
                "不动产登记申请书",
                criteria=[
                    {
                        "id": "M01-1",
                        "text": "申请书填写完整并由申请人签名",
                        "kind": "signature",
                        "mandatory": True,
                    },
                ],
            ),
            material("M02", "申请人身份证明"),
            material("M03", "证实对登记的不动产权利有利害关系的材料", necessity="optional", criteria=[]),
        ],
        "stages": default_stages(item_type, kind),
    }
    data.update(fields)
    return data


def catalog(district_code: str, *items: dict) -> dict:
    return {"format": FORMAT, "district": district_code, "items": [copy.deepcopy(i) for i in items]}
