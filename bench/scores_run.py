"""Runs inside the bench database (see bench/scores.py): fill the rollup, time the tables; prints one JSON line.

python bench/scores_run.py CASES_A_YEAR RUNS sqlite|postgres [smoke]
"""

from __future__ import annotations

import io
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onedoor.settings")
django.setup()

from django.db import connection  # noqa: E402

from onedoor.core import clock  # noqa: E402
from onedoor.districts import services  # noqa: E402
from onedoor.districts.calendar import calendar_for  # noqa: E402
from onedoor.districts.models import Department, Role, Staff, Window  # noqa: E402
from onedoor.scores import rules  # noqa: E402
from onedoor.scores.models import ScoreFact, ScoresWatermark, UnitDay  # noqa: E402
from onedoor.scores.rollup import days_recompute  # noqa: E402
from onedoor.scores.selectors import scores_table, scores_trend  # noqa: E402

YEAR = 2025
DEPARTMENTS, STREETS, COMMUNITIES = 30, 7, 33
WINDOWS = {"district": 30, "street": 4, "community": 1}
GENERALISTS, OFFICERS = 150, 250
COLUMNS = ("district_id", "day", "kind", "unit_id", *rules.COUNTERS)


def org(district):
    hall = services.centre_create(district=district, code="B-HALL", name="区行政服务中心", level="district")
    centres = [hall]
    centres += [
        services.centre_create(district=district, code=f"B-S{i}", name=f"街道{i}", level="street")
        for i in range(STREETS)
    ]
    centres += [
        services.centre_create(district=district, code=f"B-C{i}", name=f"社区{i}", level="community")
        for i in range(COMMUNITIES)
    ]
    for centre in centres:
        services.windows_open(centre=centre, count=WINDOWS[centre.level])
    Department.objects.bulk_create(
        [Department(district=district, code=f"D{i:02d}", name=f"部门{i:02d}") for i in range(DEPARTMENTS)]
    )
    Staff.objects.bulk_create(
        [
            Staff(district=district, username=f"bench-{i}", password="!", centre=hall if i < 60 else None)
            for i in range(GENERALISTS + OFFICERS)
        ]
    )
    return hall


def units(district, hall):
    departments = list(Department.objects.filter(district=district).values_list("id", flat=True))
    centres = [(c.id, c.id == hall.id) for c in district.centre_set.all()]
    windows = [
        (w, c == hall.id) for w, c in Window.objects.filter(district=district).values_list("id", "centre_id")
    ]
    staff = list(Staff.objects.filter(district=district, username__startswith="bench-").order_by("id"))
    generalists = [(s.id, s.centre_id == hall.id) for s in staff[:GENERALISTS]]
    officers = [(s.id, False) for s in staff[GENERALISTS:]]
    return {
        rules.DEPARTMENT: [(d, True) for d in departments],
        rules.CENTRE: centres,
        rules.WINDOW: windows,
        rules.OFFICER: generalists + officers,
    }


def counters(rng, cases: int, ratings_share=0.6) -> list[int]:
    """One unit-day's counters for `cases` concluded cases, with the district's typical shares."""
    on_time = round(cases * rng.uniform(0.9, 1.0))
    instant = int(cases * 0.6)
    complaints = rng.randint(0, max(0, cases // 200))
    replies = complaints
    ratings = int(cases * ratings_share)
    bad = rng.randint(0, max(0, ratings // 100))
    return [
        cases,
        on_time,
        instant,
        cases - on_time,
        cases * rng.randint(600, 400_000),
        cases * rng.randint(0, 4),
        complaints,
        replies,
        replies - rng.randint(0, replies // 10 if replies else 0),
        replies * 4,
        replies,
        ratings,
        ratings * 4 + rng.randint(0, ratings // 2 if ratings else 0) - bad * 3,
        bad,
        bad,
        bad - (1 if bad and rng.random() < 0.2 else 0),
    ]


def rows_of_year(district, year: int, per_year: int, all_units, rng):
    calendar = calendar_for(district)
    day, end = date(year, 1, 1), date(year, 12, 31)
    workdays = sum(1 for n in range((end - day).days + 1) if calendar.is_workday(day + timedelta(days=n)))
    per_day = per_year // workdays
    while day <= end:
        open_units = calendar.is_workday(day) or day.weekday() == 5  # the hall opens on Saturday mornings
        if open_units:
            today = per_day if calendar.is_workday(day) else per_day // 10
            for kind, members in all_units.items():
                members = members if calendar.is_workday(day) else [m for m in members if m[1]]
                if not members:
                    continue
                share = today // len(members)
                for unit_id, _hall in members:
                    cases = (
                        max(0, share + rng.randint(-share // 3, share // 3)) if share else rng.randint(0, 1)
                    )
                    yield [district.pk, day, kind, unit_id, *counters(rng, cases)]
        day += timedelta(days=1)


def fill(district, rows, db: str) -> int:
    count = 0
    if db == "postgres":
        with connection.cursor() as cursor:
            buffer = io.StringIO()
            for row in rows:
                buffer.write("\t".join(str(v) for v in row) + "\n")
                count += 1
            with cursor.cursor.copy(
                f"COPY {UnitDay._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN"
            ) as copy:
                copy.write(buffer.getvalue())
            cursor.execute(f"ANALYZE {UnitDay._meta.db_table}")
        return count
    batch = []
    for row in rows:
        batch.append(UnitDay(**dict(zip(COLUMNS, row, strict=True))))
        count += 1
        if len(batch) == 5000:
            UnitDay.objects.bulk_create(batch)
            batch = []
    UnitDay.objects.bulk_create(batch)
    return count


def day_facts(district, all_units, per_day: int, rng) -> int:
    """One busy day's facts (cases, ratings, a few complaints) for timing a refresh of that day."""
    day = date(YEAR, 11, 4)
    departments = [u for u, _h in all_units[rules.DEPARTMENT]]
    centres = [u for u, _h in all_units[rules.CENTRE]]
    windows = [u for u, _h in all_units[rules.WINDOW]]
    officers = [u for u, _h in all_units[rules.OFFICER]][:GENERALISTS]
    facts = []
    for n in range(per_day):
        common = {
            "district": district,
            "day": day,
            "department_id": rng.choice(departments),
            "centre_id": rng.choice(centres),
            "window_id": rng.choice(windows),
            "officer_id": rng.choice(officers),
        }
        facts.append(ScoreFact(source="case", source_id=n + 1, concluded=1, on_time=1, instant=1, **common))
        if n % 10 < 6:
            facts.append(ScoreFact(source="rating", source_id=n + 1, ratings=1, rating_sum=5, **common))
    ScoreFact.objects.bulk_create(facts, batch_size=5000)
    return len(facts)


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def page_times(supervisor, runs: int) -> dict:
    """The officers' table (the largest) as the page and the API serve it, in-process through Django's test
    client: the table's own work plus rendering 400 rows or their JSON."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(supervisor)
    token_secret = _token(supervisor)
    page = "/staff/scores/?unit=officer&from=2025-01-01&to=2025-12-31"
    api = "/api/v1/scores/officer?start=2025-01-01&end=2025-12-31"
    out = {}
    for name, fn in (
        ("page", lambda: client.get(page)),
        ("api", lambda: client.get(api, HTTP_AUTHORIZATION=f"Bearer {token_secret}")),
    ):
        response = fn()
        assert response.status_code == 200, (name, response.status_code)
        times = timed(fn, runs)
        out[name] = {"p50_ms": statistics.median(times), "p99_ms": p99(times)}
    return out


def _token(staff) -> str:
    from onedoor.districts.auth import token_create

    _row, secret = token_create(staff=staff, name="bench")
    return secret


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> None:
    per_year, runs, db = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    if len(sys.argv) > 4 and sys.argv[4] == "smoke":  # CI: a small district, so the fill takes seconds
        global DEPARTMENTS, STREETS, COMMUNITIES, GENERALISTS, OFFICERS
        DEPARTMENTS, STREETS, COMMUNITIES, GENERALISTS, OFFICERS = 5, 1, 2, 10, 10
    rng = random.Random(7)
    district = services.district_create(code="440698", name="基准区")
    hall = org(district)
    supervisor = services.staff_create(
        district=district,
        username="supervisor-bench",
        password="bench-pass-123",
        roles=[(Role.SUPERVISOR, None)],
    )
    all_units = units(district, hall)
    started = time.perf_counter()
    rows = fill(
        district,
        (r for year in (YEAR - 1, YEAR) for r in rows_of_year(district, year, per_year, all_units, rng)),
        db,
    )
    fill_seconds = time.perf_counter() - started
    ScoresWatermark.objects.create(district=district, refreshed_at=clock.now())
    year = {"start": date(YEAR, 1, 1), "end": date(YEAR, 12, 31)}
    tables, wholes = {}, []
    for kind in rules.KINDS:
        times = timed(lambda kind=kind: scores_table(staff=supervisor, kind=kind, **year), runs)
        count = len(scores_table(staff=supervisor, kind=kind, **year).rows)
        tables[kind] = {
            "units": count,
            "p50_ms": statistics.median(times),
            "p99_ms": p99(times),
            "all": times,
        }
    for n in range(runs):
        wholes.append(sum(tables[k]["all"][n] for k in rules.KINDS))
    pages = page_times(supervisor, runs)
    department = all_units[rules.DEPARTMENT][0][0]
    trend = timed(
        lambda: scores_trend(staff=supervisor, kind=rules.DEPARTMENT, unit_id=department, **year), runs
    )
    facts = day_facts(district, all_units, per_year // 250, rng)
    started = time.perf_counter()
    days_recompute(district=district, days=[date(YEAR, 11, 4)])
    day_ms = (time.perf_counter() - started) * 1000
    for t in tables.values():
        del t["all"]
    print(
        json.dumps(
            {
                "cases": per_year,
                "rows": rows,
                "units": sum(len(v) for v in all_units.values()),
                "fill_seconds": fill_seconds,
                "runs": runs,
                "tables": tables,
                "whole": {"p50_ms": statistics.median(wholes), "p99_ms": p99(wholes)},
                "trend_p50_ms": statistics.median(trend),
                "pages": pages,
                "day_facts": facts,
                "day_ms": day_ms,
            }
        )
    )


if __name__ == "__main__":
    main()
