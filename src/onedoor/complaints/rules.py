"""The rules of complaints (投诉) and consultations (咨询), pure Python: kinds, channels, categories, states and
the allowed transitions, the default time limits, the deadlines, the escalation point, the reopen window and
routing-rule resolution. docs/complaints.md gives each rule's source.

Time limits (working days, per kind; a district may set its own in the admin, `TimeLimit`)
    consultation 3: 12345 hotline practice answers a consultation on the day when it can, otherwise within
        3 working days (e.g. the municipal 12345 work rules: 咨询类 "能当天答复的当天答复，不能当天答复的，
        应在3个工作日内办结和答复").
    complaint 15: 12345 practice for 投诉举报 is 13–15 working days (the same rules: 13 working days from
        the day after dispatch; Beijing's hotline replies within 15 working days); 15 working days is also
        the national 好差评 rule's time to put a bad rating right (国办发〔2019〕51号). It stays well inside
        《信访工作条例》(2022) art. 32's 60 days for a petition, so a complaint that is also a petition is
        never answered later than that rule allows.
    Counted as every limit is (`WorkCalendar.add_working_days`): the day of receipt is not counted, the
    limit ends when the N-th working day after it ends.

Warnings: the case spine's traffic light (`cases.deadlines.traffic_light`): red once the deadline passed,
    yellow with at most 1 working day left or 80 % of the limit used.
Escalation: to the supervisor when 3 × the limit has run without an accepted reply (Signalen's 3× rule).
Reopen: by the filer or a supervisor within 30 days of the review (《信访工作条例》 art. 35: a request for
    review within 30 days of the written reply); a reopened complaint gets a new limit from that moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from onedoor.core.calendar import WorkCalendar

COMPLAINT, CONSULTATION = "complaint", "consultation"
KINDS = {COMPLAINT: _("complaint (投诉)"), CONSULTATION: _("consultation (咨询)")}
DEFAULT_DAYS = {CONSULTATION: 3, COMPLAINT: 15}
ESCALATION_FACTOR = 3
REOPEN_DAYS = 30  # calendar days after the review

ONLINE, KIOSK, WINDOW, PHONE = "online", "kiosk", "window", "phone"
CHANNELS = {
    ONLINE: _("online hall"),
    KIOSK: _("self-service kiosk"),
    WINDOW: _("at a window"),
    PHONE: _("phone call"),
}
STAFF_CHANNELS = (WINDOW, PHONE)

# One list for both kinds; a routing rule may name a category.
CATEGORIES = {
    "attitude": _("Service attitude"),
    "delay": _("Delay or time limit"),
    "materials": _("Materials asked for again or unclear"),
    "fees": _("Fees"),
    "guide": _("Service guide and procedure"),
    "progress": _("Progress of a case"),
    "queue": _("Queue and waiting"),
    "system": _("Online system or kiosk"),
    "integrity": _("Integrity and conduct"),
    "policy": _("Policy question"),
    "other": _("Other"),
}

SUBJECT_MAX = 120
TEXT_MAX = 4000
REPLY_MAX = 4000

# --- states ----------------------------------------------------------------------------------------------

RECEIVED, ASSIGNED, REPLIED, REVIEWED, CLOSED = "received", "assigned", "replied", "reviewed", "closed"
OPEN_STATES = (RECEIVED, ASSIGNED)  # the clock runs: nobody has answered acceptably yet
STATES = (RECEIVED, ASSIGNED, REPLIED, REVIEWED, CLOSED)


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    reason: str


TRANSITIONS = (
    Transition("assign", (RECEIVED, ASSIGNED), ASSIGNED, "routed by the rules, or by a supervisor"),
    Transition("reply", (ASSIGNED,), REPLIED, "the department answers"),
    Transition(
        "return",
        (REPLIED,),
        ASSIGNED,
        "the reply failed a hard automatic check or the supervisor's review: back to the department",
    ),
    Transition("review", (REPLIED,), REVIEWED, "the supervisor scores the reply and it passes"),
    Transition("close", (REVIEWED,), CLOSED, "the filer accepts the reply, a supervisor closes, or time"),
    Transition("reopen", (REVIEWED, CLOSED), ASSIGNED, "the filer or a supervisor reopens within the window"),
    Transition("escalate", (RECEIVED, ASSIGNED), ASSIGNED, "3x the limit ran out: the supervisor is told"),
)
BY_ACTION = {t.action: t for t in TRANSITIONS}


def allowed(status: str) -> list[str]:
    return [t.action for t in TRANSITIONS if status in t.sources and t.action != "escalate"]


def target(action: str, status: str) -> str:
    transition = BY_ACTION[action]
    if status not in transition.sources:
        raise ValueError(f"{action} is not allowed from {status}")
    if action == "escalate":
        return status
    return transition.target


# --- time ------------------------------------------------------------------------------------------------


def limit_days(kind: str, overrides: dict[str, int] | None = None) -> int:
    return (overrides or {}).get(kind, DEFAULT_DAYS[kind])


def deadlines(calendar: WorkCalendar, received_at: datetime, days: int) -> tuple[datetime, datetime]:
    """(reply due, escalation due) of a complaint received (or reopened) at `received_at`."""
    return (
        calendar.add_working_days(received_at, days),
        calendar.add_working_days(received_at, days * ESCALATION_FACTOR),
    )


def may_reopen_until(reviewed_at: datetime) -> datetime:
    return reviewed_at + timedelta(days=REOPEN_DAYS)


# --- routing ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """A routing rule: item and/or category (None / "" = any) → department. Both empty: the district's
    default."""

    pk: int
    item_id: int | None
    category: str
    department_id: int

    @property
    def specificity(self) -> int:
        return (2 if self.item_id is not None else 0) + (1 if self.category else 0)

    def matches(self, item_id: int | None, category: str) -> bool:
        if self.item_id is not None and self.item_id != item_id:
            return False
        return not (self.category and self.category != category)


@dataclass(frozen=True, slots=True)
class Route:
    department_id: int | None
    reason: str  # rule | linked | default | none
    rule_id: int | None = None


def resolve(
    rules: Iterable[Rule], item_id: int | None, category: str, linked: Iterable[int | None] = ()
) -> Route:
    """Where a complaint goes. The most specific matching rule (item and category, then item, then
    category) wins; then the department the complaint is already linked to (named by the filer or staff,
    the case's department, the item's department, in that order); then the district's default rule;
    otherwise nobody (a supervisor assigns it)."""
    candidates = [r for r in rules if r.matches(item_id, category)]
    specific = [r for r in candidates if r.specificity > 0]
    if specific:
        best = max(specific, key=lambda r: (r.specificity, -r.pk))
        return Route(best.department_id, "rule", best.pk)
    for department_id in linked:
        if department_id is not None:
            return Route(department_id, "linked")
    default = next((r for r in candidates if r.specificity == 0), None)
    if default is not None:
        return Route(default.department_id, "default", default.pk)
    return Route(None, "none")
