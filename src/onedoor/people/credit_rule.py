"""The credit rule (信用评价规则), pure and versioned: a holder's ledger-backed credit records → a level A–D.

Documented with its reasons in docs/credit.md. A change of any number here is a new `RULE` version: the
version is written into every credit entry on the ledger and shown with every level, so a level can always be
recomputed under the rule it was given by.

    weight   a false commitment −6 · a revoked result −3 · a missed gap deadline (or another bad record) −2 ·
             a kept commitment, materials supplied on time (or another good record) +1
    fading   full weight for FULL_DAYS, half weight until WINDOW_DAYS, nothing after
    appeals  a record whose appeal was upheld does not count
    level    D: score ≤ −6 · C: score < −1, or a false commitment still counting (国办发〔2020〕42号: no trust
             first before credit repair) · A: score ≥ 3 with no bad record counting · B: everything else
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

RULE = "credit-rule/1"
FULL_DAYS = 365  # a record weighs fully for its first year
WINDOW_DAYS = 3 * 365  # then half, until three years; after that it has faded

WEIGHT_FALSE_COMMITMENT = -6
WEIGHT_BAD = {"result_revoked": -3, "gaps_missed": -2}
WEIGHT_BAD_OTHER = -2
WEIGHT_GOOD = 1

A_AT_LEAST = 3
B_AT_LEAST = -1  # a score below −1 is C
D_AT_MOST = -6
TRUSTED_LEVELS = ("A", "B")  # Chancheng granted trust approval at level B or above


@dataclass(frozen=True)
class Record:
    """What the rule reads of a credit record."""

    key: object  # the caller's handle (the record's id), handed back in `Assessment.counted`
    kind: str  # "good" | "bad"
    reason_code: str
    false_promise: bool
    at: datetime
    appeal_upheld: bool = False


@dataclass(frozen=True)
class Counted:
    record: Record
    weight: int  # by kind and reason
    factor: float  # 1 fresh, 0.5 fading

    @property
    def points(self) -> float:
        return self.weight * self.factor


@dataclass(frozen=True)
class Assessment:
    level: str
    score: float
    counted: tuple[Counted, ...]  # the records behind the level, heaviest bad first
    false_commitment: bool  # a false commitment still counts
    rule: str = RULE

    @property
    def trusted(self) -> bool:
        """Trust first (告知承诺) and accepting with gaps (容缺受理) are open at this level."""
        return self.level in TRUSTED_LEVELS

    @property
    def bad(self) -> tuple[Counted, ...]:
        return tuple(c for c in self.counted if c.weight < 0)


def weight(record: Record) -> int:
    if record.kind == "good":
        return WEIGHT_GOOD
    if record.false_promise:
        return WEIGHT_FALSE_COMMITMENT
    return WEIGHT_BAD.get(record.reason_code, WEIGHT_BAD_OTHER)


def factor(record: Record, now: datetime) -> float:
    """1 in the record's first FULL_DAYS, 0.5 until WINDOW_DAYS, 0 after (a record dated later than `now`,
    by clock skew, counts as fresh)."""
    age_days = (now - record.at).total_seconds() / 86400
    if age_days < FULL_DAYS:
        return 1.0
    if age_days < WINDOW_DAYS:
        return 0.5
    return 0.0


def level_for(score: float, *, any_bad: bool, false_commitment: bool) -> str:
    if score <= D_AT_MOST:
        return "D"
    if score < B_AT_LEAST or false_commitment:
        return "C"
    if score >= A_AT_LEAST and not any_bad:
        return "A"
    return "B"


def assess(records, now: datetime) -> Assessment:
    counted = [Counted(r, weight(r), f) for r in records if not r.appeal_upheld and (f := factor(r, now)) > 0]
    counted.sort(key=lambda c: (c.points, -c.record.at.timestamp()))
    score = sum(c.points for c in counted)
    false_commitment = any(c.record.kind == "bad" and c.record.false_promise for c in counted)
    level = level_for(score, any_bad=any(c.weight < 0 for c in counted), false_commitment=false_commitment)
    return Assessment(level=level, score=score, counted=tuple(counted), false_commitment=false_commitment)
