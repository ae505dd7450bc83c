"""The scores' rules, pure: metrics from a period's summed counters, the composite score from the district's
weights, and the ranking. No database here; `selectors.py` sums the rollup and calls these.

Each metric has an exact definition (docs/scores.md). A metric whose denominator is zero has no value (None):
it is shown as "—", and it is left out of the composite, whose remaining weights are scaled back up to 100 —
a window that received no complaint is neither rewarded nor punished for replies it never had to give. A unit
with no data in any weighted component has no composite and ranks last."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DEPARTMENT, CENTRE, WINDOW, OFFICER = "department", "centre", "window", "officer"
KINDS = (DEPARTMENT, CENTRE, WINDOW, OFFICER)

# The additive columns of the daily rollup (UnitDay); a period's figures are their sums.
COUNTERS = (
    "concluded",  # cases concluded (办结: completed, rejected, revoked, stopped; withdrawn excluded)
    "on_time",  # … concluded no later than their deadline (instant cases: at the window, on time)
    "instant",  # … that were instant (即办件: finished at the window)
    "overdue",  # … concluded after their deadline
    "processing_seconds",  # Σ (closed_at − accepted_at) in seconds
    "processing_days",  # Σ working days from acceptance to conclusion (the district's calendar)
    "complaints",  # complaints received (consultations not counted)
    "replies",  # replies sent to complaints and consultations (those bounced by the automatic checks excluded)
    "replies_on_time",  # … sent no later than the reply deadline
    "quality_sum",  # Σ supervisors' reply-quality scores (1–5)
    "quality_count",  # replies the supervisor scored
    "ratings",  # 好差评 ratings counted (first ratings; a follow-up replaces its level; set-aside ones excluded)
    "rating_sum",  # Σ their levels (1–5)
    "ratings_bad",  # … at level 1 or 2 (差评)
    "rectifications_due",  # rectifications of bad ratings falling due that day
    "rectifications_on_time",  # … closed no later than their due time
)

# The composite's components: each a 0–100 figure derived from one metric.
COMPONENTS = (
    "on_time",
    "instant",
    "satisfaction",
    "not_bad",
    "reply_on_time",
    "reply_quality",
    "rectification_on_time",
)
DEFAULT_WEIGHTS = {
    "on_time": 30,  # 按时办结率: the time limit is the core promise (承诺时限)
    "instant": 10,  # 即办率: the seed's headline figure (over 60 % finished on the spot)
    "satisfaction": 20,  # 好差评 average
    "not_bad": 10,  # 差评率, inverted
    "reply_on_time": 10,  # 投诉按时答复率
    "reply_quality": 10,  # 答复质量
    "rectification_on_time": 10,  # 差评整改按时率
}
COMPONENT_LABELS = {
    "on_time": _("on-time rate"),
    "instant": _("instant share"),
    "satisfaction": _("rating average"),
    "not_bad": _("share of ratings not bad"),
    "reply_on_time": _("on-time reply rate"),
    "reply_quality": _("reply-quality score"),
    "rectification_on_time": _("rectifications on time"),
}


def weights_problem(weights: dict[str, int]) -> str | None:
    """Why these weights are not acceptable, or None: every component 0–100 and all summing to 100."""
    if set(weights) != set(COMPONENTS):
        return str(_("Give a weight for every component."))
    if any(not isinstance(w, int) or w < 0 or w > 100 for w in weights.values()):
        return str(_("Each weight is a whole number from 0 to 100."))
    if sum(weights.values()) != 100:
        return str(
            _("The weights must add up to 100 (they add up to %(sum)d).") % {"sum": sum(weights.values())}
        )
    return None


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Metrics:
    concluded: int
    on_time_rate: float | None  # on_time / concluded
    instant_share: float | None  # instant / concluded
    avg_processing_hours: float | None  # processing_seconds / concluded / 3600
    avg_processing_days: float | None  # processing_days / concluded (working days)
    overdue: int
    complaints: int
    replies: int
    reply_on_time_rate: float | None  # replies_on_time / replies
    reply_quality: float | None  # quality_sum / quality_count (1–5)
    ratings: int
    rating_average: float | None  # rating_sum / ratings (1–5)
    bad_share: float | None  # ratings_bad / ratings
    rectifications_due: int
    rectification_on_time_rate: float | None  # rectifications_on_time / rectifications_due


def metrics(totals: dict[str, int]) -> Metrics:
    t = {name: int(totals.get(name) or 0) for name in COUNTERS}
    concluded = t["concluded"]
    seconds = _ratio(t["processing_seconds"], concluded)
    return Metrics(
        concluded=concluded,
        on_time_rate=_ratio(t["on_time"], concluded),
        instant_share=_ratio(t["instant"], concluded),
        avg_processing_hours=seconds / 3600 if seconds is not None else None,
        avg_processing_days=_ratio(t["processing_days"], concluded),
        overdue=t["overdue"],
        complaints=t["complaints"],
        replies=t["replies"],
        reply_on_time_rate=_ratio(t["replies_on_time"], t["replies"]),
        reply_quality=_ratio(t["quality_sum"], t["quality_count"]),
        ratings=t["ratings"],
        rating_average=_ratio(t["rating_sum"], t["ratings"]),
        bad_share=_ratio(t["ratings_bad"], t["ratings"]),
        rectifications_due=t["rectifications_due"],
        rectification_on_time_rate=_ratio(t["rectifications_on_time"], t["rectifications_due"]),
    )


def _five_point(value: float | None) -> float | None:
    """A 1–5 average on 0–100: 1 → 0, 5 → 100."""
    return (value - 1) / 4 * 100 if value is not None else None


def _percent(value: float | None) -> float | None:
    return value * 100 if value is not None else None


def components(m: Metrics) -> dict[str, float | None]:
    """Each component on 0–100, None without data."""
    return {
        "on_time": _percent(m.on_time_rate),
        "instant": _percent(m.instant_share),
        "satisfaction": _five_point(m.rating_average),
        "not_bad": _percent(1 - m.bad_share) if m.bad_share is not None else None,
        "reply_on_time": _percent(m.reply_on_time_rate),
        "reply_quality": _five_point(m.reply_quality),
        "rectification_on_time": _percent(m.rectification_on_time_rate),
    }


def composite(m: Metrics, weights: dict[str, int]) -> float | None:
    """Σ weight × component / Σ weight, over the weighted components that have data; None if none has."""
    parts = [(weights.get(name, 0), value) for name, value in components(m).items() if value is not None]
    total = sum(w for w, _v in parts)
    if not total:
        return None
    return sum(w * v for w, v in parts) / total


@dataclass(frozen=True)
class Ranked:
    rank: int
    unit_id: int
    metrics: Metrics
    composite: float | None


def rank(rows: list[tuple[int, Metrics]], weights: dict[str, int]) -> list[Ranked]:
    """Highest composite first (ties share a rank: 1, 1, 3); units without a composite last, unranked (0).
    Equal composites are listed by more concluded cases, then by id, so the order is stable."""
    scored = [(unit_id, m, composite(m, weights)) for unit_id, m in rows]
    scored.sort(key=lambda r: (r[2] is None, -(r[2] or 0), -r[1].concluded, r[0]))
    out: list[Ranked] = []
    previous, previous_rank = None, 0
    for position, (unit_id, m, score) in enumerate(scored, start=1):
        if score is None:
            out.append(Ranked(0, unit_id, m, None))
            continue
        key = round(score, 6)
        current = previous_rank if key == previous else position
        out.append(Ranked(current, unit_id, m, score))
        previous, previous_rank = key, current
    return out
