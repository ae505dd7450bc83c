"""Reading a rating's details from a page's form: the level, sub-scores `sub_<name>`, tags and comment."""

from __future__ import annotations

from onedoor.ratings import rules


def level_of(value) -> int | None:
    try:
        level = int(value)
    except (TypeError, ValueError):
        return None
    return level if level in rules.LEVELS else None


def details(post, channel: str) -> dict:
    sub_scores = {}
    for name in rules.SUB_SCORES[channel]:
        value = level_of(post.get(f"sub_{name}"))
        if value is not None and name != "overall":
            sub_scores[name] = value
    return {
        "level": level_of(post.get("level")) or 0,
        "sub_scores": sub_scores,
        "tags": post.getlist("tags"),
        "comment": post.get("comment", ""),
    }


def choices(channel: str, level: int) -> dict:
    """What the second step of a rating shows for the chosen level."""
    return {
        "level": level,
        "level_label": rules.LEVELS[level],
        "sub_scores": [(k, v) for k, v in rules.SUB_SCORES[channel].items() if k != "overall"],
        "tags": list(rules.TAGS[rules.band(level)].items()),
        "scale": [(n, rules.LEVELS[n]) for n in (5, 4, 3, 2, 1)],
        "bad": rules.is_bad(level),
    }
