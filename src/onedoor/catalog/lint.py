"""Catalog lint: pure checks on a canonical item dict (see canonical.py), run on import rows and on a
version before it is published. Each problem names the field it is about; blocking problems stop a
publish or an import, warnings are shown but do not block.

Rules come from the national implementation-list standard and inspections of real catalogs (Wenzhou's
lint rules; Foshan struck 260 catch-all material clauses; a national inspection found 13 % of guides with
vague materials and 33 % missing limits, fees or contacts).
"""

from __future__ import annotations

import re
from collections import Counter

from django.utils.translation import gettext as _

from onedoor.catalog.canonical import version_to_dict
from onedoor.catalog.models import ItemType
from onedoor.catalog.shape import Problem, check_shape, list_of

__all__ = ["Problem", "lint_item", "check_shape", "is_catch_all", "version_to_dict", "blocking"]


# --- catch-all materials ---------------------------------------------------------------------------
_PUNCTUATION = re.compile(r"[\s、,，。.;；:：()（）《》〈〉“”\"'‘’【】\[\]/]+")
_CATCH_ALL_PATTERNS = (
    # 其他材料, 相关材料, 其它有关证明材料, 材料 …
    re.compile(
        r"^(其他|其它|另外|另行)?(相关|有关|必要|补充)?的?(证明|申请|补充|佐证)?(材料|资料|文件|证件|证明)$"
    ),
    # 身份证、户口簿等材料 — a list that trails off
    re.compile(r"等(相关|有关|其他|其它|必要)?的?(证明|申请)?(材料|资料|文件|证件)$"),
    # 根据法律法规需要提交的其他材料, 审批机关认为需要提交的其他材料, 其他应当提交的材料
    re.compile(r"(其他|其它).*(法律|法规|规章|规定|需要|要求|认为|应当|必要|补充).*(材料|资料|文件|证件)$"),
    re.compile(
        r"(法律|法规|规章|规定|需要|要求|认为|应当|必要|补充).*(其他|其它|相关|有关).{0,4}(材料|资料|文件|证件)$"
    ),
    re.compile(r"(法律法规|法律规定|法规规定|规章规定|认为需要|认为必要).*(材料|资料|文件|证件)$"),
)


def is_catch_all(name: str) -> bool:
    """True for a material that names nothing in particular ("其他材料", "…等材料", "根据法律法规需要提交的其他材料")."""
    text = _PUNCTUATION.sub("", name or "")
    return bool(text) and any(p.search(text) for p in _CATCH_ALL_PATTERNS)


# --- rules -----------------------------------------------------------------------------------------
def _int(data: dict, key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _rule_limits(data: dict) -> list[Problem]:
    problems = []
    promised, legal, kind = _int(data, "promised_limit"), _int(data, "legal_limit"), data.get("kind")
    if promised == 0 and kind == "promised":
        problems.append(
            Problem(
                "limit_kind_mismatch",
                "promised_limit",
                _(
                    "promised_limit is 0 (finished on the spot) but kind is promised: make the item instant or give "
                    "the promised limit in working days."
                ),
            )
        )
    if promised is not None and promised > 0 and kind == "instant":
        problems.append(
            Problem(
                "limit_kind_mismatch",
                "promised_limit",
                _("An instant item is finished on the spot: promised_limit must be 0 (it is %(n)d).")
                % {"n": promised},
            )
        )
    if promised is not None and legal and promised > legal:
        problems.append(
            Problem(
                "promised_over_legal",
                "promised_limit",
                _("promised_limit (%(p)d working days) exceeds legal_limit (%(l)d working days).")
                % {"p": promised, "l": legal},
            )
        )
    return problems


def _rule_channels(data: dict) -> list[Problem]:
    problems = []
    depth, visits = _int(data, "depth"), _int(data, "visits")
    if depth is not None and not 1 <= depth <= 4:
        problems.append(
            Problem(
                "bad_depth",
                "depth",
                _(
                    "depth must be 1 (information), 2 (forms), 3 (online pre-review) or 4 (fully online), not %(d)d."
                )
                % {"d": depth},
            )
        )
    if depth == 4 and visits:
        problems.append(
            Problem(
                "fully_online_visits",
                "visits",
                _("A fully online item (depth 4) needs 0 on-site visits (it says %(n)d).") % {"n": visits},
            )
        )
    if visits and not _text(data, "visits_reason"):
        problems.append(
            Problem(
                "visits_reason_missing",
                "visits_reason",
                _("visits_reason is required when the applicant must come on site (visits = %(n)d).")
                % {"n": visits},
            )
        )
    if visits == 0 and depth is not None and depth < 4 and data.get("express") is False:
        problems.append(
            Problem(
                "no_visit_without_post",
                "express",
                _(
                    "No on-site visit but not fully online: offer express delivery (express) or acceptance by post."
                ),
                blocking=False,
            )
        )
    return problems


def _rule_guide(data: dict) -> list[Problem]:
    problems = []
    if data.get("free") is False:
        for key in ("fee_items", "fee_basis"):
            if not _text(data, key):
                problems.append(
                    Problem(
                        "fee_details_missing",
                        key,
                        _("%(field)s is required when the item is not free of charge.") % {"field": key},
                    )
                )
    if not _text(data, "handling_place"):
        problems.append(
            Problem(
                "handling_place_missing",
                "handling_place",
                _("handling_place is required: tell citizens where to handle the item."),
            )
        )
    contact, complaint = _text(data, "contact_phone"), _text(data, "complaint_phone")
    if not contact:
        problems.append(
            Problem("contact_missing", "contact_phone", _("contact_phone (consultation) is required."))
        )
    if not complaint:
        problems.append(
            Problem(
                "complaint_missing", "complaint_phone", _("complaint_phone (complaint channel) is required.")
            )
        )
    if contact and contact == complaint:
        problems.append(
            Problem(
                "phones_identical",
                "complaint_phone",
                _(
                    "complaint_phone must differ from contact_phone: complaints go to a channel independent of the department."
                ),
            )
        )
    result_name, result_type = _text(data, "result_name"), _text(data, "result_type")
    if result_name.endswith("证") and result_type and result_type != "出证办结":
        problems.append(
            Problem(
                "certificate_result_type",
                "result_type",
                _("The result is a certificate (%(name)s): result_type is usually 出证办结.")
                % {"name": result_name},
                blocking=False,
            )
        )
    return problems


def _rule_materials(data: dict) -> list[Problem]:
    problems = []
    materials = [m for m in list_of(data, "materials") if isinstance(m, dict)]
    for i, material in enumerate(materials):
        path, name = f"materials[{i}]", _text(material, "name")
        if name and is_catch_all(name):
            problems.append(
                Problem(
                    "catch_all_material",
                    f"{path}.name",
                    _('%(field)s "%(name)s" is a catch-all: name each material exactly.')
                    % {"field": f"{path}.name", "name": name},
                )
            )
        criteria = material.get("criteria") if isinstance(material.get("criteria"), list) else []
        if material.get("necessity") == "required" and not criteria:
            problems.append(
                Problem(
                    "criteria_missing",
                    f"{path}.criteria",
                    _('Required material "%(name)s" has no review criteria (审查要点).')
                    % {"name": name or path},
                )
            )
        if material.get("necessity") == "later" and data.get("accept_with_gaps") is False:
            problems.append(
                Problem(
                    "later_without_gaps",
                    f"{path}.necessity",
                    _(
                        '"%(name)s" may be supplied later, but the item does not accept with gaps (accept_with_gaps).'
                    )
                    % {"name": name or path},
                )
            )
        if material.get("source") == "settled" and not _text(material, "record_type"):
            problems.append(
                Problem(
                    "record_type_missing",
                    f"{path}.record_type",
                    _("%(field)s is required when the material comes from a settled record.")
                    % {"field": f"{path}.record_type"},
                )
            )
        if material.get("source") == "department" and not _text(material, "source_department"):
            problems.append(
                Problem(
                    "source_department_missing",
                    f"{path}.source_department",
                    _("%(field)s is required when another department issues the material.")
                    % {"field": f"{path}.source_department"},
                )
            )
    problems += _duplicates(
        [(f"materials[{i}].code", m.get("code")) for i, m in enumerate(materials)],
        "duplicate_material_code",
        _("Material code %(value)s appears more than once in the item."),
    )
    criteria_ids = [
        (f"materials[{i}].criteria[{j}].id", c.get("id"))
        for i, m in enumerate(materials)
        for j, c in enumerate(m.get("criteria") if isinstance(m.get("criteria"), list) else [])
        if isinstance(c, dict)
    ]
    problems += _duplicates(
        criteria_ids,
        "duplicate_criterion_id",
        _("Criterion id %(value)s appears more than once in the item."),
    )
    return problems


def _duplicates(pairs: list[tuple[str, object]], code: str, message: str) -> list[Problem]:
    counts = Counter(value for _path, value in pairs if value not in (None, ""))
    seen: set = set()
    problems = []
    for path, value in pairs:
        if counts.get(value, 0) > 1:
            if value in seen:
                problems.append(Problem(code, path, message % {"value": value}))
            seen.add(value)
    return problems


_LICENSING_STAGES = (
    ("accept", "受理"),
    ("review", "审核"),
    ("approve", "审批"),
    ("complete", "办结"),
    ("deliver", "送达"),
)


def _rule_stages(data: dict) -> list[Problem]:
    stages = [s for s in list_of(data, "stages") if isinstance(s, dict)]
    if not stages:
        return [Problem("stages_missing", "stages", _("The item has no process stages."))]
    problems = []
    for i, stage in enumerate(stages):
        if not _text(stage, "description"):
            problems.append(
                Problem(
                    "stage_description_missing",
                    f"stages[{i}].description",
                    _("Stage %(name)s has no description.") % {"name": _text(stage, "name") or i + 1},
                )
            )
        share = _int(stage, "share")
        if share is not None and share <= 0:
            problems.append(
                Problem(
                    "stage_share_missing",
                    f"stages[{i}].share",
                    _("Stage %(name)s has no share of the time limit.")
                    % {"name": _text(stage, "name") or i + 1},
                )
            )
    # A case moves from stage to stage by code (cases.workflow): a code twice would send it back to the first.
    problems += _duplicates(
        [(f"stages[{i}].code", s.get("code")) for i, s in enumerate(stages)],
        "duplicate_stage_code",
        _("Stage %(value)s appears more than once in the process; give a repeated step its own stage."),
    )
    shares = [_int(s, "share") for s in stages]
    if None not in shares and sum(shares) != 100:
        problems.append(
            Problem(
                "stage_shares_total",
                "stages",
                _("The stages' shares of the time limit add up to %(n)d %%, not 100 %%.")
                % {"n": sum(shares)},
            )
        )
    if data.get("item_type") == ItemType.LICENSING:
        codes = {s.get("code") for s in stages}
        names = {_text(s, "name") for s in stages}
        missing = [
            label
            for code, label in _LICENSING_STAGES
            if code not in codes and not (code == "approve" and "审批" in names)
        ]
        if missing:
            problems.append(
                Problem(
                    "licensing_stages_missing",
                    "stages",
                    _(
                        "A licensing item needs the stages 受理, 审核, 审批/批准, 办结 and 送达; missing: %(missing)s."
                    )
                    % {"missing": "、".join(missing)},
                )
            )
    return problems


RULES = (_rule_limits, _rule_channels, _rule_guide, _rule_materials, _rule_stages)


def lint_item(data: dict) -> list[Problem]:
    """Every problem of one canonical item dict, shape first, then the rules. Never raises on bad input."""
    problems = check_shape(data)
    if not isinstance(data, dict):
        return problems
    for rule in RULES:
        problems.extend(rule(data))
    return problems


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]
