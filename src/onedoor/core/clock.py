"""The clock the case services read: `now()` is `timezone.now()` unless the calling thread has frozen it.

The demo generator runs the real services "at" moments of the past (`with frozen_at(moment): case_accept(…)`),
so acceptance times, deadlines, trail entries and certificates carry the dates they would have had. The
frozen moment belongs to one thread: a web request served beside the generator still reads the real time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from django.utils import timezone

_state = threading.local()


def now() -> datetime:
    """The current moment: the frozen one when `frozen_at` is active in this thread, else the real time."""
    moment = getattr(_state, "moment", None)
    return timezone.now() if moment is None else moment


def localdate() -> date:
    """Today in the project's time zone, by `now()`."""
    return timezone.localdate(now())


@contextmanager
def frozen_at(moment: datetime) -> Iterator[datetime]:
    """Make `now()` return `moment` (in UTC) in this thread until the block ends (blocks nest)."""
    if not isinstance(moment, datetime) or timezone.is_naive(moment):
        raise ValueError("the clock is frozen at an aware datetime")
    previous = getattr(_state, "moment", None)
    _state.moment = moment.astimezone(UTC)  # in UTC, as timezone.now() gives it
    try:
        yield moment
    finally:
        _state.moment = previous
