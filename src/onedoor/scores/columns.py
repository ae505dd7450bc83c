"""The columns of the scores table, shared by the page and the XLSX: heading, metric, and kind of figure."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

RATE, COUNT, SCORE, HOURS, DAYS, FIVE = "rate", "count", "score", "hours", "days", "five"

# (metric attribute of rules.Metrics, heading, kind of figure)
COLUMNS = (
    ("concluded", _("Cases concluded"), COUNT),
    ("on_time_rate", _("On-time rate"), RATE),
    ("instant_share", _("Instant share"), RATE),
    ("avg_processing_hours", _("Average processing time (h)"), HOURS),
    ("avg_processing_days", _("Average processing time (working days)"), DAYS),
    ("overdue", _("Concluded overdue"), COUNT),
    ("complaints", _("Complaints"), COUNT),
    ("replies", _("Replies"), COUNT),
    ("reply_on_time_rate", _("On-time reply rate"), RATE),
    ("reply_quality", _("Reply quality (1–5)"), FIVE),
    ("ratings", _("Ratings"), COUNT),
    ("rating_average", _("Rating average (1–5)"), FIVE),
    ("bad_share", _("Bad share"), RATE),
    ("rectifications_due", _("Rectifications due"), COUNT),
    ("rectification_on_time_rate", _("Rectified on time"), RATE),
)

KIND_LABELS = {
    "department": _("Departments"),
    "centre": _("Centres"),
    "window": _("Windows"),
    "officer": _("Officers"),
}
UNIT_HEADINGS = {
    "department": _("Department"),
    "centre": _("Centre"),
    "window": _("Window"),
    "officer": _("Officer"),
}


def shown(value, kind: str) -> str:
    """A figure as the page shows it: — without data."""
    if value is None:
        return "—"
    if kind == RATE:
        return f"{value * 100:.1f}%"
    if kind in (HOURS, DAYS, FIVE):
        return f"{value:.2f}"
    if kind == SCORE:
        return f"{value:.1f}"
    return str(value)
