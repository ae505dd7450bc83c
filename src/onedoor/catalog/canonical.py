"""The canonical item dict: one shape for an item shared by the JSON text format, the XLSX sheets, the demo
data, the lint and the services (documented in docs/catalog-format.md).

Pure Python apart from `version_to_dict`, which reads an `ItemVersion` whose materials and stages are
already loaded (prefetched) and issues no query of its own beyond that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from onedoor.catalog.models import (
    CaseKind,
    ItemType,
    MaterialForm,
    MaterialSource,
    Necessity,
    PowerSource,
    StageCode,
    Subject,
)

FORMAT = "onedoor-catalog/1"


@dataclass(frozen=True)
class Field:
    """One key of the canonical dict: its type, default and allowed values."""

    type: str  # "str" | "int" | "bool" | "list" | "date"
    default: Any = ""
    choices: tuple | None = None
    required: bool = False
    max_length: int | None = None


EXERCISE_LEVELS = ("national", "province", "city", "district", "street", "community")
HANDLING_LEVELS = ("district", "street", "community")  # 通办 scope; centre levels
STAGE_ROLES = ("window_generalist", "undertaker", "reviewer", "approver", "chief_representative")
# What a review criterion checks: the material is complete, in date, consistent with other materials or
# records, signed/sealed, identifies the right person, is authentic, shows eligibility, has the right format,
# or (otherwise) says the right thing.
CRITERION_KINDS = (
    "completeness",
    "validity",
    "consistency",
    "signature",
    "identity",
    "authenticity",
    "eligibility",
    "format",
    "content",
)

ITEM_FIELDS: dict[str, Field] = {
    "code": Field("str", required=True, max_length=36),
    "basic_code": Field("str", max_length=12),
    "department": Field("str", required=True, max_length=20),
    "subject": Field("str", choices=tuple(Subject.values), required=True),
    "name": Field("str", required=True, max_length=200),
    "item_type": Field("str", choices=tuple(ItemType.values), required=True),
    "kind": Field("str", choices=tuple(CaseKind.values), required=True),
    "exercise_level": Field("str", "district", choices=EXERCISE_LEVELS),
    "power_source": Field("int", 1, choices=tuple(PowerSource.values)),
    "legal_basis": Field("str"),
    "conditions": Field("str"),
    "legal_limit": Field("int", 0),
    "legal_limit_note": Field("str", max_length=200),
    "promised_limit": Field("int", 0),
    "free": Field("bool", True),
    "fee_items": Field("str"),
    "fee_basis": Field("str"),
    "depth": Field("int", 1),
    "visits": Field("int", 1),
    "visits_reason": Field("str", max_length=200),
    "appointment": Field("bool", False),
    "express": Field("bool", False),
    "kiosk": Field("bool", False),
    "online_payment": Field("bool", False),
    "trust_first": Field("bool", False),
    "trust_first_exclusions": Field("str"),
    "accept_with_gaps": Field("bool", False),
    "min_identity_level": Field("int", 2, choices=(2, 3, 4, 5)),
    "levels": Field("list", (), choices=HANDLING_LEVELS),
    "handling_place": Field("str", max_length=200),
    "handling_hours": Field("str", max_length=100),
    "contact_phone": Field("str", max_length=40),
    "complaint_phone": Field("str", max_length=40),
    "result_name": Field("str", max_length=120),
    "result_type": Field("str", max_length=40),
    "result_record_type": Field("str", max_length=40),
    "keywords": Field("str"),
    "themes": Field("list", ()),
    "life_events": Field("list", ()),
    "valid_from": Field("date", None),
}

MATERIAL_FIELDS: dict[str, Field] = {
    "code": Field("str", required=True, max_length=20),
    "name": Field("str", required=True, max_length=200),
    "necessity": Field("str", choices=tuple(Necessity.values), required=True),
    "form": Field("str", MaterialForm.ORIGINAL.value, choices=tuple(MaterialForm.values)),
    "copies": Field("int", 1),
    "source": Field("str", MaterialSource.APPLICANT.value, choices=tuple(MaterialSource.values)),
    "record_type": Field("str", max_length=40),
    "source_department": Field("str", max_length=100),
    "blank_form": Field("str", max_length=200),
    "sample": Field("str", max_length=200),
    "notes": Field("str"),
}

CRITERION_FIELDS: dict[str, Field] = {
    "id": Field("str", required=True, max_length=40),
    "text": Field("str", required=True),
    "kind": Field("str", "content", choices=CRITERION_KINDS),
    "mandatory": Field("bool", True),
}

STAGE_FIELDS: dict[str, Field] = {
    "code": Field("str", choices=tuple(StageCode.values), required=True),
    "name": Field("str", required=True, max_length=60),
    "role": Field("str", choices=STAGE_ROLES, required=True),
    "share": Field("int", 0),
    "description": Field("str", max_length=300),
}

# Keys of the item that live on `Item` (identity) rather than on a version.
ITEM_IDENTITY_KEYS = ("code", "basic_code", "department", "subject")
VERSION_KEYS = tuple(k for k in ITEM_FIELDS if k not in ("code", "basic_code", "department", "subject"))
ITEM_KEYS = (*ITEM_FIELDS, "materials", "stages")


# --- default process -------------------------------------------------------------------------------
# (code, name, role, share %, description). Shares are a stage's part of the promised limit.
_PROMISED = (
    (
        "accept",
        "申请和受理",
        "window_generalist",
        10,
        "综合窗口核验身份、按审查要点查验材料,符合条件的当场受理并出具受理凭证。",
    ),
    ("undertake", "承办", "undertaker", 30, "部门承办人员按审查要点逐项审查材料,提出初步处理意见。"),
    ("review", "审核", "reviewer", 25, "部门审核人员复核承办意见和材料,提出审核意见。"),
    ("approve", "批准", "approver", 20, "部门负责人或首席代表作出批准或不予批准的决定。"),
    ("complete", "办结", "window_generalist", 15, "综合窗口统一出件,告知申请人办理结果。"),
)
_LICENSING = (
    *_PROMISED[:4],
    ("complete", "办结", "window_generalist", 10, "制作许可决定文书或证照,办件办结。"),
    ("deliver", "送达", "window_generalist", 5, "综合窗口统一出件,现场领取或邮寄送达许可决定文书或证照。"),
)
_INSTANT_DESCRIPTIONS = {
    "accept": "综合窗口核验身份、按审查要点查验材料并当场受理。",
    "undertake": "窗口人员依部门授权当场审查材料。",
    "review": "窗口人员依部门授权当场复核。",
    "approve": "窗口人员依部门授权当场作出决定。",
    "complete": "当场办结,出具办理结果。",
    "deliver": "当场交付办理结果,或按申请人选择邮寄送达。",
}


def default_stages(item_type: str, kind: str) -> list[dict]:
    """The default internal process: 申请和受理 → 承办 → 审核 → 批准 → 办结, plus 送达 for licensing items.

    Roles: the window generalist accepts and hands out the result (综合窗口统一出件); the department's
    undertaker, reviewer and approver act in between. An instant item (即办件) is decided at the window under
    the department's delegated authority, so every stage is the window generalist's.
    """
    rows = _LICENSING if item_type == ItemType.LICENSING else _PROMISED
    stages = [
        {"code": code, "name": name, "role": role, "share": share, "description": description}
        for code, name, role, share, description in rows
    ]
    if kind == CaseKind.INSTANT:
        for stage in stages:
            stage["role"] = "window_generalist"
            stage["description"] = _INSTANT_DESCRIPTIONS[stage["code"]]
    return stages


# --- building and normalising dicts ----------------------------------------------------------------
def _default(field: Field) -> Any:
    return list(field.default) if field.type == "list" else field.default


def _copied(value: Any) -> Any:
    """A copy of the dicts and lists of a parsed document (deepcopy's generality cost 0.3 s a catalog)."""
    if isinstance(value, dict):
        return {key: _copied(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_copied(inner) for inner in value]
    return value


def with_defaults(data: dict) -> dict:
    """A copy of `data` with every missing key filled with its default (nested materials and stages too).
    Unknown keys are kept so the lint can name them."""
    out = _copied(data)
    for key, field in ITEM_FIELDS.items():
        out.setdefault(key, _default(field))
    out.setdefault("materials", [])
    out.setdefault("stages", [])
    if isinstance(out["materials"], list):
        for material in out["materials"]:
            if not isinstance(material, dict):
                continue
            for key, field in MATERIAL_FIELDS.items():
                material.setdefault(key, _default(field))
            material.setdefault("criteria", [])
            for criterion in material["criteria"] if isinstance(material["criteria"], list) else ():
                if isinstance(criterion, dict):
                    for key, field in CRITERION_FIELDS.items():
                        criterion.setdefault(key, _default(field))
    if isinstance(out["stages"], list):
        for stage in out["stages"]:
            if isinstance(stage, dict):
                for key, field in STAGE_FIELDS.items():
                    stage.setdefault(key, _default(field))
    return out


def _criterion(raw: dict) -> dict:
    return {
        "id": str(raw.get("id", "")),
        "text": str(raw.get("text", "")),
        "kind": raw.get("kind", "content"),
        "mandatory": bool(raw.get("mandatory", True)),
    }


def material_to_dict(material) -> dict:
    out = {key: getattr(material, key) for key in MATERIAL_FIELDS}
    out["criteria"] = [_criterion(c) for c in material.criteria or []]
    return out


def stage_to_dict(stage) -> dict:
    return {key: getattr(stage, key) for key in STAGE_FIELDS}


def version_to_dict(version) -> dict:
    """The canonical dict of one version (its item's identity fields included)."""
    item = version.item
    out: dict[str, Any] = {
        "code": item.code,
        "basic_code": item.basic_code,
        "department": item.department.code,
        "subject": item.subject,
    }
    for key in VERSION_KEYS:
        value = getattr(version, key)
        if key == "valid_from":
            value = value.isoformat() if value else None
        elif ITEM_FIELDS[key].type == "list":
            value = list(value or [])
        out[key] = value
    out["materials"] = [material_to_dict(m) for m in version.materials.all()]
    out["stages"] = [stage_to_dict(s) for s in version.stages.all()]
    return {key: out[key] for key in ITEM_KEYS}


def parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
