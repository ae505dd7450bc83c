"""The case workflow (办件流程): which action may move a case from which status to which, who may take it,
and why the row exists. Pure Python: the one table every service, page and API consults.

A case's `status` names its current stage (the stage codes of the item's process template: `undertake`,
`review`, `approve`, `complete`, `deliver`, `other`) or its clock state (`correction`, `suspended`) or its
outcome (`completed`, `rejected`, `withdrawn`, `revoked`, `stopped`), or `confirm` while a decision that
deviates from the criteria waits for its second approver (二次审批: the clock runs). Acceptance (`accept`) is
done at the window and moves the case straight to the stage after `accept` in its template. Targets that
depend on the case are symbolic: NEXT (the next stage of the template, or `completed` after the last), RESUME
(the stage the case was in before its clock stopped), SAME (no change of status) and PENDING (what the
decision waiting for confirmation decided: the stage after approval, or `rejected`).

An `approve` or `reject` that deviates from what the criteria imply does not take effect: the case goes to
`confirm` instead of the row's target (cases.actions), and only the second approver the first one named may
`confirm` it (it then takes effect) or `overrule` it (the case returns to approval).
"""

from __future__ import annotations

from dataclasses import dataclass

NEXT, RESUME, SAME, PENDING = "→next", "→resume", "→same", "→pending"

STAGES = ("undertake", "review", "approve", "complete", "deliver", "other")
CONFIRM = "confirm"  # a deviating decision waits for its second approver
RUNNING = (*STAGES, CONFIRM)  # the clock runs
CLOCK_STOPPED = ("correction", "suspended")
OUTCOMES = ("completed", "rejected", "withdrawn", "revoked", "stopped")
IN_PROGRESS = RUNNING + CLOCK_STOPPED
DECIDING = ("undertake", "review", "approve")

GENERALIST = "window_generalist"
UNDERTAKER = "undertaker"
REVIEWER = "reviewer"
APPROVER = "approver"
CHIEF = "chief_representative"
SYSTEM = "system"
BACKEND = "backend"  # a department's own back-end system, by signed callback, for the stages it decides


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    reason: str


def _t(action, sources, target, roles, reason) -> Transition:
    sources = (sources,) if isinstance(sources, str) else tuple(sources)
    return Transition(action, sources, target, frozenset(roles), reason)


TABLE: tuple[Transition, ...] = (
    _t(
        "undertake",
        "undertake",
        NEXT,
        {UNDERTAKER, CHIEF, BACKEND},
        "承办: the undertaker checks every criterion and gives an opinion; the chief representative may stand in.",
    ),
    _t(
        "review",
        "review",
        NEXT,
        {REVIEWER, CHIEF, BACKEND},
        "审核: a second officer reviews the undertaker's findings against the same criteria.",
    ),
    _t(
        "approve",
        "approve",
        NEXT,
        {APPROVER, CHIEF, BACKEND},
        "批准: the approver decides; every mandatory criterion must be met (a deviation needs a second approver).",
    ),
    _t(
        "complete",
        "complete",
        NEXT,
        {GENERALIST, APPROVER, CHIEF, BACKEND},
        "办结: the result is issued as a signed electronic certificate.",
    ),
    _t(
        "deliver",
        "deliver",
        NEXT,
        {GENERALIST},
        "送达: the result is handed over or sent by express; licensing items must record it.",
    ),
    _t(
        "other",
        "other",
        NEXT,
        {UNDERTAKER, REVIEWER, APPROVER, CHIEF, BACKEND},
        "A special stage of the item's own process, finished by its officer.",
    ),
    _t(
        "reject",
        DECIDING,
        "rejected",
        {APPROVER, CHIEF, BACKEND},
        "不予许可: only the approver (or the chief representative) refuses, with reason and legal basis.",
    ),
    _t(
        "confirm",
        CONFIRM,
        PENDING,
        {APPROVER, CHIEF},
        "二次审批: the second approver the first one named confirms a decision that deviates from the criteria; "
        "it then takes effect.",
    ),
    _t(
        "overrule",
        CONFIRM,
        "approve",
        {APPROVER, CHIEF},
        "二次审批不同意: the named second approver does not confirm, with a reason; the case returns to approval.",
    ),
    _t(
        "request_correction",
        ("undertake", "review"),
        "correction",
        {GENERALIST, UNDERTAKER, REVIEWER, BACKEND},
        "补正: one notice lists everything missing; the clock stops until the applicant supplies it.",
    ),
    _t(
        "supply",
        "correction",
        RESUME,
        {GENERALIST, UNDERTAKER},
        "补正材料: the missing materials arrive; the clock runs again at the stage it stopped in.",
    ),
    _t(
        "suspend",
        DECIDING,
        "suspended",
        {UNDERTAKER, REVIEWER, APPROVER, CHIEF, BACKEND},
        "特别程序: a hearing, testing or expert review stops the clock, with a reason.",
    ),
    _t(
        "resume",
        "suspended",
        RESUME,
        {UNDERTAKER, REVIEWER, APPROVER, CHIEF, BACKEND},
        "The special procedure ended; the clock runs again.",
    ),
    _t(
        "extend",
        DECIDING,
        SAME,
        {APPROVER, CHIEF},
        "延期: the approver extends the limit, never beyond the item's legal limit.",
    ),
    _t(
        "withdraw",
        IN_PROGRESS,
        "withdrawn",
        {GENERALIST},
        "撤回: the applicant withdraws; the window records it on their request.",
    ),
    _t(
        "supply_gap",
        IN_PROGRESS + ("completed",),
        SAME,
        {GENERALIST, UNDERTAKER},
        "容缺补齐: a material accepted as 'supplied later' arrives before its deadline.",
    ),
    _t(
        "stop_for_gaps",
        IN_PROGRESS,
        "stopped",
        {SYSTEM, GENERALIST, UNDERTAKER},
        "容缺逾期: the later materials did not arrive by their deadline; the case stops with that reason.",
    ),
    _t(
        "post_review_pass",
        "completed",
        SAME,
        {UNDERTAKER, REVIEWER, APPROVER, CHIEF},
        "告知承诺核查: the post-review confirms the applicant's commitment.",
    ),
    _t(
        "revoke",
        "completed",
        "revoked",
        {APPROVER, CHIEF},
        "撤销: a failed post-review of a trust-first result revokes it with reasons and writes a bad credit "
        "record (a false promise); only while the post-review is open.",
    ),
)

_BY_ACTION: dict[str, Transition] = {t.action: t for t in TABLE}


class NotAllowed(Exception):
    """The action is not allowed in the case's current status (or not for this role)."""

    def __init__(self, code: str, action: str, status: str) -> None:
        super().__init__(f"{code}: {action} from {status}")
        self.code, self.action, self.status = code, action, status


def transition_for(action: str) -> Transition:
    try:
        return _BY_ACTION[action]
    except KeyError:
        raise NotAllowed("unknown_action", action, "") from None


def next_status(stages: list[str] | tuple[str, ...], current: str) -> str:
    """The stage after `current` in the item's process (acceptance excluded), or `completed`."""
    order = [s for s in stages if s != "accept"]
    if current == "accept":
        return order[0] if order else "completed"
    position = order.index(current)
    return order[position + 1] if position + 1 < len(order) else "completed"


def apply(
    *,
    status: str,
    action: str,
    stages: list[str] | tuple[str, ...],
    resume_to: str = "",
    roles=None,
    pending: str = "",
) -> str:
    """The status after `action`, or NotAllowed. `roles` (the actor's roles) is checked when given; `pending`:
    the decision waiting for confirmation (approve / reject), for PENDING."""
    row = transition_for(action)
    if status not in row.sources:
        raise NotAllowed("not_in_this_status", action, status)
    if roles is not None and not (row.roles & set(roles)):
        raise NotAllowed("role_not_allowed", action, status)
    if row.target == NEXT:
        return next_status(stages, status)
    if row.target == RESUME:
        if resume_to not in STAGES:
            raise NotAllowed("nothing_to_resume", action, status)
        return resume_to
    if row.target == SAME:
        return status
    if row.target == PENDING:
        if pending == "approve":
            return next_status(stages, "approve")
        if pending == "reject":
            return "rejected"
        raise NotAllowed("nothing_to_confirm", action, status)
    return row.target


@dataclass(frozen=True)
class CaseFacts:
    """What, besides its status, decides whether an action the table allows can succeed on a case (its handler
    in cases.actions refuses the same): offered actions are the ones that can."""

    awaited: bool = False  # materials accepted as "may be supplied later" still missing
    gaps_overdue: bool = False  # … and their deadline has passed
    post_review_open: bool = False  # a trust-first result whose post-review is not done yet
    extension_left: int = 0  # working days an extension may still add within the legal limit


# the actions that need more than the status, and what they need
FACT_ACTIONS = {
    "supply_gap": lambda f: f.awaited,
    "stop_for_gaps": lambda f: f.gaps_overdue,
    "post_review_pass": lambda f: f.post_review_open,
    "revoke": lambda f: f.post_review_open,
    "extend": lambda f: f.extension_left > 0,
}


def allowed_actions(status: str, roles=None, facts: CaseFacts | None = None) -> list[str]:
    """Actions a caller with `roles` may take on a case in `status`, in table order; with the case's `facts`,
    only those that can succeed on it."""
    return [
        t.action
        for t in TABLE
        if status in t.sources
        and (roles is None or t.roles & set(roles))
        and (facts is None or FACT_ACTIONS.get(t.action, lambda f: True)(facts))
    ]


def first_status(stages: list[str] | tuple[str, ...]) -> str:
    """The status a case takes on acceptance."""
    return next_status(stages, "accept")
