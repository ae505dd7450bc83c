"""Queue capacity planning for the ticket hall (取号叫号): how many windows keep the wait acceptable.

The hall is modelled as an M/M/N queue: citizens arrive at random (a Poisson process with rate λ per hour),
each service takes an exponentially distributed time with mean 1/μ, and N windows serve one queue in
ticket order. The offered load A = λ/μ (in erlangs) is the number of windows the arrivals keep busy on
average; the queue is stable only while A < N.

The Erlang C formula gives the probability that an arriving citizen has to wait (all N windows busy):

    C(N, A) = (A^N / N! · N / (N − A)) / (Σ_{k<N} A^k / k! + A^N / N! · N / (N − A))

and the mean time spent waiting in the queue (before the call) is Wq = C(N, A) / (N·μ − λ).
Factorials and powers overflow for large halls, so C is computed from the Erlang B recursion instead.

Two ways to organise the same windows are compared:

* pooled — one queue: every window serves every ticket (综合窗口, "一窗通办");
* split — each department has its own queue and its own windows, the windows divided in proportion to
  the department's arrivals.

Pooling always waits less for the same number of windows: a split window idles while another department's
queue is long, a pooled window does not.

Stdlib only (no Django), so it can be used from anywhere, including offline planning scripts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

__all__ = ["Comparison", "Stream", "compare", "erlang_c", "mean_wait_minutes", "windows_for"]


def erlang_c(servers: int, load: float) -> float:
    """Probability that an arrival waits, for ``servers`` windows and offered load ``load`` (erlangs).

    Returns 1.0 when ``load >= servers`` (the queue is unstable: everyone waits).
    """
    if servers < 1:
        raise ValueError(f"servers must be at least 1, got {servers}")
    if load < 0 or math.isnan(load):
        raise ValueError(f"load must be non-negative, got {load}")
    if load >= servers:
        return 1.0
    # Erlang B by recursion: B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)); every term stays in [0, 1].
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = load * blocking / (k + load * blocking)
    return servers * blocking / (servers - load * (1.0 - blocking))


def _check_service(service_minutes: float) -> None:
    if not service_minutes > 0:
        raise ValueError(f"service_minutes must be positive, got {service_minutes}")


def _check_arrivals(arrivals_per_hour: float) -> None:
    if not arrivals_per_hour >= 0:
        raise ValueError(f"arrivals_per_hour must be non-negative, got {arrivals_per_hour}")


def mean_wait_minutes(arrivals_per_hour: float, service_minutes: float, windows: int) -> float:
    """Mean time in queue Wq = C / (N·μ − λ), in minutes; ``math.inf`` when λ ≥ N·μ, 0 without arrivals."""
    _check_arrivals(arrivals_per_hour)
    _check_service(service_minutes)
    if windows < 1:
        raise ValueError(f"windows must be at least 1, got {windows}")
    if arrivals_per_hour == 0:
        return 0.0
    service_rate = 60.0 / service_minutes  # citizens per hour per window
    capacity = windows * service_rate
    if arrivals_per_hour >= capacity:
        return math.inf
    load = arrivals_per_hour / service_rate
    return erlang_c(windows, load) / (capacity - arrivals_per_hour) * 60.0


def windows_for(
    arrivals_per_hour: float,
    service_minutes: float,
    target_wait_minutes: float,
    max_windows: int = 200,
) -> int | None:
    """The smallest number of windows whose mean wait is at most the target; None if ``max_windows`` is short."""
    _check_arrivals(arrivals_per_hour)
    _check_service(service_minutes)
    if not target_wait_minutes >= 0:
        raise ValueError(f"target_wait_minutes must be non-negative, got {target_wait_minutes}")
    if max_windows < 1:
        raise ValueError(f"max_windows must be at least 1, got {max_windows}")
    # N <= A windows can never keep up, so start at the first stable count, floor(A) + 1; from there
    # the wait only falls as windows are added.
    load = arrivals_per_hour * service_minutes / 60.0
    for n in range(math.floor(load) + 1, max_windows + 1):
        if mean_wait_minutes(arrivals_per_hour, service_minutes, n) <= target_wait_minutes:
            return n
    return None


@dataclass(frozen=True)
class Stream:
    """One department's ticket stream."""

    name: str
    arrivals_per_hour: float


@dataclass
class Comparison:
    """Pooled vs split waits (minutes) for the same number of windows."""

    pooled_windows: int
    pooled_wait: float
    split: list[tuple[str, int, float]] = field(default_factory=list)  # (name, windows, wait) per department
    split_wait: float = 0.0  # arrival-weighted mean over the departments


def _largest_remainder(weights: list[float], seats: int) -> list[int]:
    """Hamilton apportionment of ``seats`` by ``weights`` (all positive); ties go to the heavier, then earlier.

    Exact rational arithmetic, so equal remainders really tie instead of differing in the last float bit.
    """
    exact = [Fraction(w) for w in weights]
    total = sum(exact)
    quotas = [seats * w / total for w in exact]
    shares = [math.floor(q) for q in quotas]
    left = seats - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - shares[i]), -weights[i], i))
    for i in order[:left]:
        shares[i] += 1
    return shares


def _apportion(weights: list[float], seats: int) -> list[int]:
    """Largest-remainder apportionment where every (positive) weight gets at least one seat.

    A department whose share rounds to 0 is fixed at 1 seat and the rest is re-apportioned among the others,
    until every department has a seat.
    """
    result = [0] * len(weights)
    open_ = list(range(len(weights)))
    left = seats
    while open_:
        shares = _largest_remainder([weights[i] for i in open_], left)
        starved = [i for i, share in zip(open_, shares, strict=True) if share == 0]
        if not starved:
            for i, share in zip(open_, shares, strict=True):
                result[i] = share
            break
        for i in starved:
            result[i] = 1
        left -= len(starved)
        open_ = [i for i in open_ if i not in starved]
    return result


def compare(streams: list[Stream], service_minutes: float, windows: int) -> Comparison:
    """Mean waits with all ``windows`` serving one pooled queue vs split among the departments.

    The split gives each department windows in proportion to its arrivals (largest remainder), at least one
    window to every department with arrivals and none to a department without; the total is exactly
    ``windows``. Raises ValueError when there are more departments with arrivals than windows, or when there
    are no arrivals at all (nothing to divide by).
    """
    _check_service(service_minutes)
    if windows < 1:
        raise ValueError(f"windows must be at least 1, got {windows}")
    for stream in streams:
        _check_arrivals(stream.arrivals_per_hour)
    active = [i for i, stream in enumerate(streams) if stream.arrivals_per_hour > 0]
    if not active:
        raise ValueError("no department has arrivals: nothing to apportion the windows by")
    if len(active) > windows:
        raise ValueError(f"{len(active)} departments with arrivals but only {windows} windows")

    total = sum(stream.arrivals_per_hour for stream in streams)
    pooled_wait = mean_wait_minutes(total, service_minutes, windows)

    shares = _apportion([streams[i].arrivals_per_hour for i in active], windows)
    allocated = dict(zip(active, shares, strict=True))
    split: list[tuple[str, int, float]] = []
    weighted = 0.0
    for i, stream in enumerate(streams):
        n = allocated.get(i, 0)
        wait = mean_wait_minutes(stream.arrivals_per_hour, service_minutes, n) if n else 0.0
        split.append((stream.name, n, wait))
        if stream.arrivals_per_hour > 0:
            weighted += stream.arrivals_per_hour * wait
    return Comparison(
        pooled_windows=windows,
        pooled_wait=pooled_wait,
        split=split,
        split_wait=weighted / total,
    )
