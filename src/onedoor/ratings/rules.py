"""The rules of 好差评 (public rating of government services), pure Python: levels, bands, sub-scores, reason
tags, the rectification's deadlines and its allowed transitions. docs/ratings.md gives each rule's source.

Levels (国办发〔2019〕51号; GB/T 39734-2020 on site, GB/T 39735-2020 online)
    非常满意 5, 满意 4, 基本满意 3, 不满意 2, 非常不满意 1. Bands: good 4–5, middle 3, bad 1–2.
    A bad rating opens a rectification (差评整改).

Sub-scores (1–5 each, optional except `overall`, which is the level itself)
    on site (window): overall, efficiency, service_level, attitude
    online (case):    overall, efficiency, guide_accuracy, convenience, usability

Reason tags: one documented list per band (`TAGS`); a bad rating needs at least one tag or a comment, so
the department knows what to put right.

Rectification deadlines, counted on the district's working-day calendar from the moment of the rating
(`WorkCalendar.add_working_days`: the rating's own day is not counted, the limit ends when the N-th working
day after it ends): contact the rater within 1 working day; put it right within 15 working days.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from onedoor.core.calendar import WorkCalendar

CONTACT_WORKING_DAYS = 1
FIX_WORKING_DAYS = 15
DEFAULT_LEVEL = 3  # 基本满意: what an unrated visit or case counts as after the default period (Guangdong)
COMMENT_MAX = 500

LEVELS = {
    5: _("Very satisfied (非常满意)"),
    4: _("Satisfied (满意)"),
    3: _("Basically satisfied (基本满意)"),
    2: _("Dissatisfied (不满意)"),
    1: _("Very dissatisfied (非常不满意)"),
}


class Band(enum.StrEnum):
    GOOD = "good"
    MIDDLE = "middle"
    BAD = "bad"


def band(level: int) -> Band:
    if level not in LEVELS:
        raise ValueError("a rating level is a whole number from 1 to 5")
    if level >= 4:
        return Band.GOOD
    return Band.MIDDLE if level == 3 else Band.BAD


def is_bad(level: int) -> bool:
    return band(level) is Band.BAD


WINDOW, ONLINE = "window", "online"
SUB_SCORES = {
    WINDOW: {
        "overall": _("Overall"),
        "efficiency": _("Efficiency"),
        "service_level": _("Service level"),
        "attitude": _("Attitude"),
    },
    ONLINE: {
        "overall": _("Overall"),
        "efficiency": _("Efficiency"),
        "guide_accuracy": _("Accuracy of the service guide"),
        "convenience": _("Convenience"),
        "usability": _("Ease of use"),
    },
}

TAGS = {
    Band.GOOD: {
        "fast": _("Quick to handle"),
        "friendly": _("Friendly and patient"),
        "clear_guidance": _("Clear guidance"),
        "one_visit": _("Done in one visit"),
        "few_materials": _("Few materials asked for"),
    },
    Band.MIDDLE: {
        "long_wait": _("The wait was rather long"),
        "process_could_be_simpler": _("The process could be simpler"),
        "guidance_unclear": _("The guidance could be clearer"),
    },
    Band.BAD: {
        "waited_too_long": _("Waited too long"),
        "poor_attitude": _("Poor attitude"),
        "came_back_again": _("Had to come back again"),
        "unclear_materials": _("Unclear what to bring"),
        "overdue": _("Not done within the time limit"),
        "system_failure": _("The system did not work"),
        "improper_fees": _("Improper fees"),
        "hard_to_use": _("Hard to use online"),
    },
}


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    field: str


def check(channel: str, level: int, sub_scores: dict, tags: list, comment: str) -> Problem | None:
    """The first thing wrong with a rating's content, or None."""
    if level not in LEVELS:
        return Problem("bad_level", "level")
    allowed = SUB_SCORES.get(channel)
    if allowed is None:
        return Problem("bad_channel", "channel")
    for key, value in sub_scores.items():
        if key not in allowed:
            return Problem("bad_sub_score", key)
        if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
            return Problem("bad_sub_score", key)
    if sub_scores.get("overall", level) != level:
        return Problem("overall_is_the_level", "overall")
    band_tags = TAGS[band(level)]
    if any(tag not in band_tags for tag in tags) or len(set(tags)) != len(tags):
        return Problem("bad_tag", "tags")
    if len(comment) > COMMENT_MAX:
        return Problem("comment_too_long", "comment")
    if is_bad(level) and not tags and not comment.strip():
        return Problem("say_why", "tags")
    return None


def deadlines(calendar: WorkCalendar, rated_at: datetime) -> tuple[datetime, datetime]:
    """(contact due, fix due) of the rectification a bad rating made at `rated_at` opens."""
    return (
        calendar.add_working_days(rated_at, CONTACT_WORKING_DAYS),
        calendar.add_working_days(rated_at, FIX_WORKING_DAYS),
    )


# --- the rectification's workflow ------------------------------------------------------------------------

OPEN, CONTACTED, CLASSIFIED, CLOSED = "open", "contacted", "classified", "closed"
FIX_NOW, FIX_IN_15_DAYS, UNFOUNDED = "fix_now", "fix_in_15_days", "unfounded"
CLASSIFICATIONS = (FIX_NOW, FIX_IN_15_DAYS, UNFOUNDED)
APPEAL_NONE, APPEAL_PENDING, APPEAL_UPHELD, APPEAL_REJECTED = "", "pending", "upheld", "rejected"


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str | None  # None: the status stays
    reason: str


TRANSITIONS = (
    Transition("contact", (OPEN,), CONTACTED, "the department reaches the rater (within 1 working day)"),
    Transition(
        "classify",
        (CONTACTED,),
        CLASSIFIED,
        "having heard the rater, it says whether to fix now, fix within 15 working days, or why it is "
        "unfounded",
    ),
    Transition("close", (CLASSIFIED,), CLOSED, "the fix is done (or the unfounded rating explained)"),
    Transition(
        "appeal",
        (OPEN, CONTACTED, CLASSIFIED),
        None,
        "the department holds the rating malicious and asks the supervisor to set it aside (once)",
    ),
    Transition(
        "decide_appeal",
        (OPEN, CONTACTED, CLASSIFIED),
        None,
        "the supervisor upholds the appeal (rating excluded, rectification closed) or rejects it",
    ),
)
BY_ACTION = {t.action: t for t in TRANSITIONS}
DEPARTMENT_ACTIONS = ("contact", "classify", "close", "appeal")


def allowed(status: str, appeal_status: str) -> list[str]:
    """Actions the rectification allows now (before checking who asks)."""
    actions = [t.action for t in TRANSITIONS if status in t.sources]
    if appeal_status != APPEAL_NONE and "appeal" in actions:
        actions.remove("appeal")
    if appeal_status != APPEAL_PENDING and "decide_appeal" in actions:
        actions.remove("decide_appeal")
    return actions
