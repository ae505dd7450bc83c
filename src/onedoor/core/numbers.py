"""Reading a number someone typed or sent (a form field, a query parameter, a protocol line) without a 500:
`str.isdigit()` accepts "²" and "٣", which `int()` then refuses, and `int()` refuses more than 4,300 digits.
Only ASCII digits, and no more than a bigint holds."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{1,19}")
BIGINT = 2**63 - 1


def ascii_int(value) -> int | None:
    """The non-negative integer `value` spells in ASCII digits (at most a bigint), else None."""
    text = str(value if value is not None else "")
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= BIGINT else None
