"""What each material of an item means for one applicant at one window (pure rules).

For each material the window sees one of: satisfied by a settled record (level A/B) — waived; received, with
its criteria ticked; may be supplied later (容缺); waived by a signed commitment (告知承诺); not provided
(optional); or missing. `plan` returns the lines and every problem at once, so the applicant is told
everything missing in one go (一次性告知)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from onedoor.core.errors import DomainError

WAIVED, RECEIVED, LATER, NOT_PROVIDED = "waived", "received", "later", "not_provided"
REUSABLE_TRUST = ("A", "B")


def refuse_unknown_materials(codes: list[str]) -> None:
    """A material code the item does not have, in a request: refused, never dropped (a typo would otherwise
    count the material as not brought)."""
    if codes:
        raise DomainError(
            "unknown_material",
            _("These materials are not part of this item: %(codes)s.")
            % {"codes": "、".join(map(str, codes))},
            codes=codes,
        )


def refuse_unknown_criteria(ids: list[str]) -> None:
    """A criterion id the item's checklists do not have: refused rather than recorded."""
    if ids:
        raise DomainError(
            "unknown_criterion",
            _("These criteria are not part of the material's checklist: %(ids)s.") % {"ids": "、".join(ids)},
            criteria=ids,
        )


@dataclass
class Line:
    code: str
    name: str
    status: str = ""
    record_id: int | None = None
    record_label: str = ""
    waived_reason: str = ""
    criteria: dict[str, bool] = field(default_factory=dict)
    checked_original: bool = False


@dataclass
class Problem:
    code: str  # missing_required / criterion_not_met / later_not_allowed
    material: str
    name: str
    criteria: list[str] = field(default_factory=list)


def plan(*, materials, records_by_type: dict, submitted: dict, mode: str) -> tuple[list[Line], list[Problem]]:
    """`materials`: the version's Material rows (or objects with the same attributes); `records_by_type`:
    {record_type: record} of the holder's current records; `submitted`: {code: {"received", "criteria"}};
    `mode`: normal / trust_first / with_gaps."""
    lines, problems = [], []
    for m in materials:
        line = Line(code=m.code, name=m.name)
        given = submitted.get(m.code) or {}
        record = records_by_type.get(m.record_type) if m.source == "settled" and m.record_type else None
        if record is not None and record.trust_level in REUSABLE_TRUST:
            line.status, line.record_id = WAIVED, record.pk
            line.record_label = f"{record.record_type} ({record.trust_level})"
            line.waived_reason = "settled_record"
        elif given.get("received"):
            line.status = RECEIVED
            line.criteria = {
                c["id"]: bool((given.get("criteria") or {}).get(c["id"])) for c in m.criteria or []
            }
            line.checked_original = m.form == "original"
            unmet = [
                c["id"] for c in m.criteria or [] if c.get("mandatory", True) and not line.criteria[c["id"]]
            ]
            if unmet and m.necessity != "optional":
                problems.append(Problem("criterion_not_met", m.code, m.name, unmet))
        elif m.necessity == "optional":
            line.status = NOT_PROVIDED
        elif m.necessity == "later" and mode == "with_gaps":
            line.status = LATER
        elif mode == "trust_first":
            line.status, line.waived_reason = WAIVED, "commitment"
        else:
            problems.append(Problem("missing_required", m.code, m.name))
            line.status = "missing"
        lines.append(line)
    return lines, problems
