"""What the criteria imply (找谁都一样，谁找都一样) — pure rules.

An approval is consistent when every mandatory criterion is met; a rejection is consistent when at least
one is not. Any other decision deviates from the standardized form: it needs a written reason and a second
approver. The same findings always give the same answer."""

from __future__ import annotations

CONSISTENT, DEVIATION = "consistent", "deviation"


def mandatory_ids(materials) -> list[str]:
    """Ids of the mandatory criteria of the materials that were actually received or supplied."""
    return [c["id"] for m in materials for c in (m.criteria or []) if c.get("mandatory", True)]


def implied(findings: dict[str, bool], mandatory: list[str]) -> str:
    """ "approve" when every mandatory criterion is met, else "reject"."""
    return "approve" if all(findings.get(cid) is True for cid in mandatory) else "reject"


def judge(decision: str, findings: dict[str, bool], mandatory: list[str]) -> str:
    return CONSISTENT if implied(findings, mandatory) == decision else DEVIATION
