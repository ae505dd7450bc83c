"""The services' clock: real time by default, a frozen moment inside `frozen_at`, per thread."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from onedoor.core import clock

MOMENT = datetime(2025, 3, 4, 1, 30, tzinfo=UTC)  # 09:30 on 4 March 2025 in Shanghai


def test_it_tells_the_real_time_when_nothing_is_frozen():
    assert abs(clock.now() - timezone.now()) < timedelta(seconds=5)


def test_a_frozen_clock_tells_the_moment_and_its_local_date():
    with clock.frozen_at(MOMENT):
        assert clock.now() == MOMENT
        assert str(clock.localdate()) == "2025-03-04"
    assert clock.now().year >= 2026


def test_frozen_blocks_nest_and_restore_the_outer_moment():
    later = MOMENT + timedelta(days=3)
    with clock.frozen_at(MOMENT):
        with clock.frozen_at(later):
            assert clock.now() == later
        assert clock.now() == MOMENT


def test_another_thread_still_reads_the_real_time():
    seen = []
    with clock.frozen_at(MOMENT):
        thread = threading.Thread(target=lambda: seen.append(clock.now()))
        thread.start()
        thread.join()
    assert seen[0] > MOMENT + timedelta(days=365)


def test_it_refuses_a_naive_moment():
    with pytest.raises(ValueError), clock.frozen_at(datetime(2025, 3, 4, 9, 30)):
        pass


def test_a_frozen_moment_is_told_in_utc_as_the_real_clock_is():
    shanghai = MOMENT.astimezone(timezone.get_default_timezone())
    with clock.frozen_at(shanghai):
        assert clock.now() == MOMENT and clock.now().utcoffset() == timedelta(0)
