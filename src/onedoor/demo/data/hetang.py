"""The second demo district, 荷塘区 (modelled on Zhuzhou's Hetang district, which copied Chancheng's one-door
system in four months). Its catalog starts as a copy of a dozen Chancheng items, localized: its own codes,
halls, phones, and the province's own regulations where the legal basis differs."""

from __future__ import annotations

import copy

from onedoor.demo.data.departments import HETANG, HETANG_PLACE, lookup

# Chancheng item code -> what Hetang changes besides codes, phones and halls.
LOCALIZED = {
    "440604-GA-001": {
        "basis": "《中华人民共和国户口登记条例》第七条；《湖南省公安厅关于进一步推进户籍制度改革的实施意见》",
    },
    "440604-GA-002": {},
    "440604-GA-003": {},
    "440604-MZ-001": {},
    "440604-MZ-004": {},
    "440604-MZ-005": {
        "basis": "《中华人民共和国老年人权益保障法》第三十三条；《湖南省实施〈中华人民共和国老年人权益保障法〉办法》",
        "conditions": "本区户籍、年满80周岁的老年人，按年龄段按月发放高龄津贴",
    },
    "440604-RS-001": {
        "basis": "《中华人民共和国社会保险法》第五十八条；《社会保障卡管理办法》（人社部发〔2011〕47号）"
    },
    "440604-RS-003": {
        "basis": "《中华人民共和国社会保险法》第十条、第二十三条；《湖南省企业职工基本养老保险省级统筹实施办法》",
    },
    "440604-WJ-001": {"basis": "《中华人民共和国人口与计划生育法》；《湖南省人口与计划生育条例》"},
    "440604-BDC-001": {},
    "440604-BDC-002": {},
    "440604-SJ-001": {},
    "440604-SJ-004": {},
    "440604-SJ-006": {},
}

HALL_RENAMES = {
    "禅城区行政服务中心（佛山市禅城区季华五路22号）": HETANG_PLACE.district_hall,
    "各镇街行政服务中心（祖庙、石湾镇、张槎、南庄）": HETANG_PLACE.street_hall,
    "各村（居）便民服务站": HETANG_PLACE.community_hall,
}


def localize(items: list[dict]) -> list[dict]:
    """Hetang's items from Chancheng's, as the district's onboarding copy (荷塘复制) would make them."""
    by_code = {item["code"]: item for item in items}
    departments = lookup(HETANG)
    out = []
    for code, overrides in LOCALIZED.items():
        item = copy.deepcopy(by_code[code])
        item["code"] = code.replace("440604", HETANG_PLACE.region, 1)
        item["contact_phone"] = departments[item["department"]].phone
        item["complaint_phone"] = HETANG_PLACE.complaint_phone
        place = item["handling_place"]
        for old, new in HALL_RENAMES.items():
            place = place.replace(old, new)
        item["handling_place"] = place
        item["legal_basis"] = overrides.get("basis", item["legal_basis"]).replace("广东省", "湖南省")
        item["conditions"] = overrides.get("conditions", item["conditions"])
        item["keywords"] = item["keywords"].replace("佛山", "株洲")
        for material in item["materials"]:
            material["notes"] = material["notes"].replace("佛山", "株洲")
        out.append(item)
    return out
