"""What happens to a generated case after acceptance: a plan of workflow actions, each on a working day
counted from acceptance, by a role (the accepting desk or the department's officers).

Shares follow the seed: most promised cases are finished well within their promised limit (time-limited
items 7.5 working days faster on average), a few are corrected, suspended, extended, rejected, withdrawn or
finished late; trust-first results are post-reviewed and a few revoked; materials accepted as "later" mostly
arrive in time. Rare outcomes are dealt by `Quotas` (error diffusion with jitter), so even a small demo shows
each of them and a large one keeps the shares exactly."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from onedoor.cases.deadlines import stage_days
from onedoor.demo.generator.case_world import ItemInfo

# Shares among promised cases (the scenarios exclude each other).
PROMISED_SHARES = {
    "rejection": 0.03,
    "withdrawal": 0.015,
    "correction": 0.05,
    "suspension": 0.02,
    "extension": 0.015,
    "late": 0.06,
}
REVOKED_SHARE = 0.03  # of trust-first results: the post-review finds the commitment false
GAPS_MISSED_SHARE = 0.08  # of cases accepted with gaps: the later materials never arrive
STAGE_ROLE = {
    "undertake": "undertaker",
    "review": "reviewer",
    "approve": "approver",
    "complete": "approver",
    "deliver": "desk",
    "other": "undertaker",
}
OPINIONS = {
    "undertake": "材料齐全，经核查符合办理条件，拟同意。",
    "review": "经审核，申请材料真实有效，同意承办意见。",
    "approve": "同意。",
    "complete": "已出具办理结果。",
    "deliver": "办理结果已送达申请人。",
    "other": "现场核查完成，情况属实。",
}
CORRECTION_REASONS = [
    "材料复印件不清晰，请提供清晰复印件",
    "申请表缺少申请人签名",
    "证明材料已过有效期，请重新提供",
]
SUSPENSION_REASONS = {  # the special procedures of 《行政许可法》第四十五条 (cases.models.Procedure)
    "依法组织听证": "hearing",
    "需委托专业机构检测": "testing",
    "需进行技术鉴定": "appraisal",
    "需组织专家评审": "expert_review",
}
REJECTION = ("经审查，申请人不符合法定条件", "《中华人民共和国行政许可法》第三十八条第二款")
REVOCATION = (
    "事后核查发现承诺内容与实际情况不符，依法撤销办理结果",
    "《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）",
)


@dataclass(frozen=True)
class Step:
    day: int  # working days after acceptance (0 = later on the day of acceptance)
    actor: str  # desk / undertaker / reviewer / approver / chief
    action: str
    kwargs: dict = field(default_factory=dict)


class Quotas:
    """Deals rare scenarios at their shares: each eligible case adds its (jittered) share to a scenario's
    account; a scenario whose account reaches 1 is dealt. Accounts start at one half, so a scenario with
    share s first shows after about 1/(2s) eligible cases."""

    def __init__(self, shares: dict[str, float], rng: random.Random) -> None:
        self.shares, self.rng = shares, rng
        self.account = dict.fromkeys(shares, 0.5)

    def deal(self, eligible) -> str | None:
        names = [n for n in self.shares if n in eligible]
        for name in names:
            self.account[name] += self.shares[name] * self.rng.uniform(0.6, 1.4)
        for name in names:
            if self.account[name] >= 1:
                self.account[name] -= 1
                return name
        return None


def handling_days(promised: int, late: bool, rng: random.Random) -> int:
    """Working days from acceptance to the last stage: mostly well within the promised limit."""
    if late:
        return promised + rng.randint(1, 12)
    return max(1, min(promised, round(promised * rng.triangular(0.0, 0.55, 0.04))))


def eligible_scenarios(item: ItemInfo, stages: list[str]) -> set[str]:
    names = {"withdrawal", "late"}
    deciding = [s for s in stages if s in ("undertake", "review", "approve")]
    if deciding:
        names |= {"rejection", "suspension"}
    if stages[0] in ("undertake", "review"):
        names.add("correction")
    if deciding and item.legal > item.promised:
        names.add("extension")
    return names


def promised_plan(
    item: ItemInfo, stages: list[list], scenario: str | None, rng: random.Random, *, unmet: str | None = None
) -> list[Step]:
    """The stages of the item's process by their officers, with the scenario's detour on its stage. A
    rejection finds the criteria of material `unmet` (one the window received) not met."""
    codes = [code for code, _share in stages]
    offsets = stage_days(handling_days(item.promised, scenario == "late", rng), [s for _c, s in stages])
    work = [(code, day) for code, day in zip(codes, offsets, strict=True) if code != "accept"]
    deciding = [code for code, _day in work if code in ("undertake", "review", "approve")]
    at_stage = {
        "correction": work[0][0],
        "suspension": deciding[-1] if deciding else None,
        "extension": deciding[-1] if deciding else None,
        "rejection": deciding[-1] if deciding else None,
        "withdrawal": rng.choice(work)[0],
    }.get(scenario or "")
    steps: list[Step] = []
    shift = 0
    for code, offset in work:
        day = offset + shift
        if code == at_stage:
            detour, ends, pause = _detour(scenario, code, item, day, rng, unmet)
            steps += detour
            if ends:
                return steps
            shift += pause
            day += pause
        steps.append(_stage_step(code, day, item))
    return steps


def _stage_step(code: str, day: int, item: ItemInfo) -> Step:
    kwargs = {"opinion": OPINIONS[code]}
    if code in ("undertake", "review", "approve", "other"):
        kwargs["criteria"] = item.findings()
    return Step(day, STAGE_ROLE[code], code, kwargs)


def _detour(scenario: str, code: str, item: ItemInfo, day: int, rng: random.Random, unmet: str | None):
    """(steps, whether the case ends there, working days the clock stops)."""
    officer = STAGE_ROLE[code] if code != "approve" else "approver"
    if scenario == "correction":
        missing = [m.code for m in item.materials if m.necessity == "required"][:2] or [
            item.materials[0].code
        ]
        pause = rng.randint(1, 6)
        return (
            [
                Step(
                    day,
                    officer,
                    "request_correction",
                    {"reason": rng.choice(CORRECTION_REASONS), "materials": missing},
                ),
                Step(day + pause, "desk", "supply", {"reason": "申请人已补齐补正材料"}),
            ],
            False,
            pause,
        )
    if scenario == "suspension":
        pause = rng.randint(3, 12)
        reason = rng.choice(sorted(SUSPENSION_REASONS))
        return (
            [
                Step(day, officer, "suspend", {"reason": reason, "procedure": SUSPENSION_REASONS[reason]}),
                Step(day + pause, officer, "resume", {"reason": f"{reason}已完成"}),
            ],
            False,
            pause,
        )
    if scenario == "extension":
        days = min(item.legal - item.promised, rng.randint(3, 10))
        return (
            [Step(day, "approver", "extend", {"days": days, "reason": "情况复杂，经负责人批准延期"})],
            False,
            days,
        )
    if scenario == "rejection":
        reason, basis = REJECTION
        kwargs = {"reason": reason, "basis": basis, "criteria": item.findings(unmet=unmet), "opinion": reason}
        return [Step(day, "approver", "reject", kwargs)], True, 0
    return [Step(day, "desk", "withdraw", {"reason": "申请人申请撤回"})], True, 0  # withdrawal


def gaps_steps(item: ItemInfo, gap_days: int, missed: bool, rng: random.Random) -> list[Step]:
    """The later materials arrive before their deadline, or the case stops the day after it."""
    if missed:
        return [Step(gap_days + 1, "desk", "stop_for_gaps", {"reason": "容缺材料逾期未补齐"})]
    return [
        Step(
            rng.randint(0, gap_days),
            "desk",
            "supply_gap",
            {
                "materials": item.later_codes,
                "criteria": item.later_findings(),
                "originals": item.later_originals,
            },
        )
    ]


def merge_gaps(stages: list[Step], gaps: list[Step]) -> list[Step]:
    """Stage work waits for the later materials; a stop for missed materials ends the case."""
    gap = gaps[0]
    if gap.action == "stop_for_gaps":  # the first stages may run; no decision comes before the stop
        return [s for s in stages if s.day < gap.day and s.action in ("undertake", "other")] + gaps
    return gaps + [Step(max(s.day, gap.day), s.actor, s.action, s.kwargs) for s in stages]


def post_review_steps(revoked: bool, review_days: int, rng: random.Random) -> list[Step]:
    """告知承诺核查: the department confirms the commitment, or revokes the result."""
    day = rng.randint(2, max(2, min(review_days, 20)))
    if revoked:
        reason, basis = REVOCATION
        return [Step(day, "approver", "revoke", {"reason": reason, "basis": basis})]
    return [Step(day, "reviewer", "post_review_pass", {"opinion": "核查属实，承诺已履行"})]
