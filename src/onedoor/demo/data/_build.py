"""Builders that turn the compact item descriptions of the demo catalog into the canonical item dict the
catalog importer and services take (see `onedoor.demo.data` for the format).

The builders only fill in what follows from the rules: the case kind from the promised limit, criterion ids
from material codes, default process templates, channels and the district's phones. Every name, legal basis,
condition, material and criterion is written out in the department modules.
"""

from __future__ import annotations

from dataclasses import dataclass

# National basic code prefix per item type (事项类型代码 of the national implementation list).
TYPE_PREFIX = {
    "licensing": "01",
    "collection": "04",
    "payment": "05",
    "confirmation": "07",
    "award": "08",
    "adjudication": "09",
    "other_power": "10",
    "public_service": "20",
}

# Department numbers inside the basic code, shared by every district so that the same national item has the
# same basic code wherever it is implemented.
DEPARTMENT_NUMBER = {
    code: n
    for n, code in enumerate(
        "GA MZ RS WJ SJ BDC ZJ JY SW YB CL TY SF JT CG WG ZR HB YJ NY SWU FG GJJ DA".split(), start=1
    )
}

# Result types of the national implementation list (办理结果类型), from the short form used in the modules.
RESULT_TYPES = {"证照": "出证办结", "批文": "出文办结", "证明": "出文办结", "其他": "其他"}

# The verified-record type a result settles for its holder (数据沉淀), by result name; later cases whose
# materials carry the same record type waive them.
RESULT_RECORDS = {
    "结婚证": "marriage",
    "离婚证": "marriage",
    "营业执照": "business_licence",
    "不动产权证书": "property_certificate",
    "中华人民共和国残疾人证": "disability_certificate",
    "广东省居住证": "residence_permit",
    "社会保障卡": "social_security_card",
    "中华人民共和国居民身份证": "id_card",
    "居民户口簿": "household_register",
    "新立居民户口簿": "household_register",
    "户口簿新生儿户口页": "household_register",
    "出生医学证明": "birth_certificate",
    "中华人民共和国机动车驾驶证": "driving_licence",
}

WORKING_HOURS = "周一至周五 9:00-12:00、13:30-17:30（法定节假日除外）"
WORKING_HOURS_SAT = "周一至周六 9:00-12:00、13:30-17:30（法定节假日除外，周六仅办理个人业务）"


@dataclass(frozen=True)
class Place:
    """Where a district's items are handled, at each level, and its complaint line."""

    region: str
    district_hall: str
    street_hall: str
    community_hall: str
    complaint_phone: str


def criteria(*specs) -> list[tuple]:
    """Criteria as (kind, text) or (kind, text, mandatory); ids are assigned when the item is built."""
    return list(specs)


def material(
    name: str,
    crit: list[tuple],
    *,
    necessity: str = "required",
    form: str = "original",
    copies: int = 1,
    source: str = "applicant",
    record_type: str = "",
    source_department: str = "",
    blank_form: str = "",
    sample: str = "",
    notes: str = "",
) -> dict:
    return {
        "name": name,
        "necessity": necessity,
        "form": form,
        "copies": copies,
        "source": source,
        "record_type": record_type,
        "source_department": source_department,
        "blank_form": blank_form,
        "sample": sample,
        "notes": notes,
        "criteria": crit,
    }


def _stage(code, name, role, share, description):
    return {"code": code, "name": name, "role": role, "share": share, "description": description}


ACCEPT = "综合窗口核验申请人身份，按标准化审批表逐项核对材料；齐全且符合法定形式的当场受理并出具受理回执，不齐全的一次性告知需补正的全部内容"
ACCEPT_INSTANT = "综合窗口核验申请人身份，按标准化审批表逐项核对材料，材料齐全、符合条件的当场受理"
COMPLETE_INSTANT = "窗口当场录入业务系统并办结，出具办理结果，告知申请人结果用途和有效期"


def stages_instant(result: str = "办理结果") -> list[dict]:
    """即办件: accepted and finished at the window (the seed's three approval steps folded into one)."""
    return [
        _stage("accept", "申请和受理", "window_generalist", 50, ACCEPT_INSTANT),
        _stage("complete", "办结", "window_generalist", 50, COMPLETE_INSTANT.replace("办理结果", result)),
    ]


def stages_instant_licensing(result: str) -> list[dict]:
    """An instant licence: the chief representative approves at the centre under the delegated authority."""
    return [
        _stage("accept", "申请和受理", "window_generalist", 20, ACCEPT_INSTANT),
        _stage(
            "review",
            "审核",
            "chief_representative",
            20,
            "首席代表按审查要点复核材料及承诺内容，确认符合许可条件",
        ),
        _stage("approve", "批准", "chief_representative", 30, "首席代表依部门授权当场作出准予许可的决定"),
        _stage("complete", "办结", "window_generalist", 15, f"窗口制发{result}，录入部门业务系统，办件办结"),
        _stage("deliver", "送达", "window_generalist", 15, f"{result}当场交付申请人，或按申请人选择邮寄送达"),
    ]


def stages_promised(result: str = "办理结果") -> list[dict]:
    """承诺件, the default five-stage process of the seed: 申请和受理 → 承办 → 审核 → 批准 → 办结."""
    return [
        _stage("accept", "申请和受理", "window_generalist", 10, ACCEPT),
        _stage(
            "undertake",
            "承办",
            "undertaker",
            40,
            "承办人按标准化审批表逐项审查材料实质内容，必要时核查，提出初审意见",
        ),
        _stage("review", "审核", "reviewer", 20, "审核人复核初审意见与审查要点的符合情况，提出审核意见"),
        _stage("approve", "批准", "approver", 20, "批准人作出同意或不同意的决定，不同意的说明理由和救济途径"),
        _stage("complete", "办结", "undertaker", 10, f"制作{result}并通知申请人领取或寄送，办件办结"),
    ]


def stages_licensing(result: str) -> list[dict]:
    """行政许可: 受理, 审核, 审批 (批准), 办结 and 送达 are all required by the catalog lint."""
    return [
        _stage("accept", "申请和受理", "window_generalist", 10, ACCEPT),
        _stage(
            "undertake",
            "承办",
            "undertaker",
            30,
            "承办人按标准化审批表审查材料，需现场核查的组织核查并记录，提出初审意见",
        ),
        _stage("review", "审核", "reviewer", 20, "审核人复核材料、核查记录与初审意见，提出审核意见"),
        _stage(
            "approve",
            "批准",
            "approver",
            20,
            "批准人作出准予许可或不予许可的书面决定，不予许可的说明理由和救济途径",
        ),
        _stage("complete", "办结", "undertaker", 10, f"制作{result}，录入部门业务系统，办件办结"),
        _stage("deliver", "送达", "window_generalist", 10, f"{result}在窗口发放或按申请人选择邮寄送达"),
    ]


def stages_custom(*specs) -> list[dict]:
    """An item's own process: (code, name, role, share, description) tuples."""
    return [_stage(*spec) for spec in specs]


def _number_criteria(code: str, crit: list[tuple]) -> list[dict]:
    out = []
    for n, spec in enumerate(crit, start=1):
        kind, text, *rest = spec
        out.append({"id": f"{code}-{n}", "text": text, "kind": kind, "mandatory": rest[0] if rest else True})
    return out


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    phone: str


class Catalog:
    """Collects the items of one district; `item(...)` takes the compact description of one item."""

    def __init__(self, place: Place, departments: dict[str, Department]):
        self.place = place
        self.departments = departments
        self.items: list[dict] = []

    def item(
        self,
        dept: str,
        seq: int,
        name: str,
        *,
        item_type: str,
        basis: str,
        conditions: str,
        materials: list[dict],
        keywords: str,
        themes: list[str],
        result: tuple[str, str],
        subject: str = "person",
        legal: int = 0,
        promised: int = 0,
        legal_note: str = "",
        events: list[str] = (),
        levels: list[str] = ("district",),
        fee: tuple[str, str] | None = None,
        depth: int = 3,
        visits: int | None = None,
        visits_reason: str = "",
        appointment: bool = True,
        express: bool = False,
        kiosk: bool = False,
        online_payment: bool = False,
        trust_first: str = "",
        accept_with_gaps: bool = False,
        power_source: int = 1,
        exercise_level: str = "district",
        stages: list[dict] | None = None,
        place: str = "",
        hours: str = WORKING_HOURS,
        valid_from: str | None = None,
    ) -> dict:
        department = self.departments[dept]
        instant = promised == 0
        result_name, result_type = result[0], RESULT_TYPES[result[1]]
        if result_name.endswith("证"):
            result_type = "出证办结"
        if stages is None:
            if item_type == "licensing":
                stages = stages_instant_licensing(result_name) if instant else stages_licensing(result_name)
            else:
                stages = stages_instant(result_name) if instant else stages_promised(result_name)
        if visits is None:
            visits = 0 if depth == 4 else 1
        if visits and not visits_reason:
            visits_reason = (
                "需到窗口核验身份并提交原件" if instant else "需到窗口提交原件，结果可选择邮寄送达"
            )
        levels = list(levels)
        if not place:
            place = self._place_for(levels)
        prefix = TYPE_PREFIX[item_type]
        record = {
            "code": f"{self.place.region}-{dept}-{seq:03d}",
            "basic_code": f"{prefix}{DEPARTMENT_NUMBER[dept]:03d}{seq:04d}000",
            "department": dept,
            "subject": subject,
            "name": name,
            "item_type": item_type,
            "kind": "instant" if instant else "promised",
            "exercise_level": exercise_level,
            "power_source": power_source,
            "legal_basis": basis,
            "conditions": conditions,
            "legal_limit": legal,
            "legal_limit_note": legal_note,
            "promised_limit": promised,
            "free": fee is None,
            "fee_items": fee[0] if fee else "",
            "fee_basis": fee[1] if fee else "",
            "depth": depth,
            "visits": visits,
            "visits_reason": visits_reason if visits else "",
            "appointment": appointment,
            "express": express,
            "kiosk": kiosk,
            "online_payment": online_payment and fee is not None,
            "trust_first": bool(trust_first),
            "trust_first_exclusions": trust_first,
            "accept_with_gaps": accept_with_gaps,
            # licences ask for a face-checked login online; other items a login matched to the register
            "min_identity_level": 4 if item_type == "licensing" else 3,
            "levels": [] if set(levels) == {"district", "street", "community"} else levels,
            "handling_place": place,
            "handling_hours": hours,
            "contact_phone": department.phone,
            "complaint_phone": self.place.complaint_phone,
            "result_name": result_name,
            "result_type": result_type,
            "result_record_type": RESULT_RECORDS.get(result_name, ""),
            "keywords": keywords,
            "themes": list(themes),
            "life_events": list(events),
            "valid_from": valid_from,
            "materials": [],
            "stages": stages,
        }
        for n, spec in enumerate(materials, start=1):
            code = f"M{n:02d}"
            record["materials"].append(
                {"code": code, **spec, "criteria": _number_criteria(code, spec["criteria"])}
            )
        self.items.append(record)
        return record

    def _place_for(self, levels: list[str]) -> str:
        halls = [self.place.district_hall]
        if "street" in levels:
            halls.append(self.place.street_hall)
        if "community" in levels:
            halls.append(self.place.community_hall)
        return "、".join(halls) + "综合窗口"
