"""What the board, the window console and the capacity planner read. Ticket numbers and windows only: no
personal data is shown on a board."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from statistics import mean

from django.db.models import Count, Q
from django.utils import timezone

from onedoor.core import clock
from onedoor.districts.models import Centre, Window
from onedoor.tickets.models import Kind, Ticket, TicketStatus

BOARD_CALLS = 8


def board(centre: Centre) -> dict:
    """The display board: the latest calls of the day (newest first) and how many wait, per kind."""
    today = timezone.localdate(clock.now())
    calls = (
        Ticket.objects.filter(centre=centre, day=today, last_called_at__isnull=False)
        .select_related("window")
        .order_by("-last_called_at", "-id")[:BOARD_CALLS]
    )
    waiting = dict(
        Ticket.objects.filter(centre=centre, day=today, status=TicketStatus.WAITING)
        .values("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    return {
        "centre": {"code": centre.code, "name": centre.name},
        "calls": [
            {
                "number": t.number,
                "window": t.window.number if t.window_id else "",
                "at": t.last_called_at,
                "recalls": t.recalls,
                "status": t.status,
            }
            for t in calls
        ],
        "waiting": {kind: waiting.get(kind, 0) for kind in Kind.values},
    }


def waiting_list(centre: Centre, limit: int = 50) -> list[Ticket]:
    today = timezone.localdate(clock.now())
    return list(
        Ticket.objects.filter(centre=centre, day=today, status=TicketStatus.WAITING)
        .select_related("target_window", "item")
        .order_by("rank", "taken_at", "id")[:limit]
    )


def windows_of(centre: Centre) -> list[Window]:
    return list(centre.windows.filter(active=True).order_by("number"))


@dataclass
class Figures:
    """A centre's recorded tickets over a period, as the capacity planner's defaults."""

    days: int  # days with tickets
    tickets: int
    arrivals_per_hour: float
    service_minutes: float | None
    wait_minutes: float | None
    windows: float  # windows serving, on average per day
    by_department: dict[str, int] = field(default_factory=dict)  # department name → tickets


def figures(centre: Centre, days: int = 30) -> Figures:
    """From the tickets of the last `days` days: arrivals per open hour (first to last ticket of each day),
    mean service and waiting time of the served tickets, windows serving per day, tickets per department."""
    since = timezone.localdate(clock.now()) - timedelta(days=days)
    rows = list(
        Ticket.objects.filter(centre=centre, day__gte=since).values_list(
            "day", "taken_at", "called_at", "finished_at", "status", "window_id", "department__name"
        )
    )
    per_day: dict = {}
    service, wait, by_department = [], [], {}
    for day, taken, called, finished, status, window_id, department in rows:
        d = per_day.setdefault(day, {"first": taken, "last": taken, "n": 0, "windows": set()})
        d["first"], d["last"], d["n"] = min(d["first"], taken), max(d["last"], taken), d["n"] + 1
        if window_id:
            d["windows"].add(window_id)
        if called:
            wait.append((called - taken).total_seconds() / 60)
        if status == TicketStatus.DONE and called and finished:
            service.append((finished - called).total_seconds() / 60)
        if department:
            by_department[department] = by_department.get(department, 0) + 1
    hours = sum(max((d["last"] - d["first"]).total_seconds() / 3600, 1.0) for d in per_day.values())
    return Figures(
        days=len(per_day),
        tickets=len(rows),
        arrivals_per_hour=round(len(rows) / hours, 1) if hours else 0.0,
        service_minutes=round(mean(service), 1) if service else None,
        wait_minutes=round(mean(wait), 1) if wait else None,
        windows=round(mean(len(d["windows"]) for d in per_day.values()), 1) if per_day else 0.0,
        by_department=dict(sorted(by_department.items(), key=lambda kv: -kv[1])),
    )


def ahead_of(ticket: Ticket) -> int:
    """How many waiting tickets of the centre will be called before this one (transfers aside)."""
    return (
        Ticket.objects.filter(
            centre_id=ticket.centre_id,
            day=ticket.day,
            status=TicketStatus.WAITING,
            target_window__isnull=True,
        )
        .filter(Q(rank__lt=ticket.rank) | Q(rank=ticket.rank, taken_at__lt=ticket.taken_at))
        .count()
    )
