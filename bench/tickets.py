"""The queue benchmark (issue 5 §9): call-next latency at a window with 1,000 tickets waiting, through HTTP
against gunicorn (2 sync workers, as in production).

    one window     one client calling the next ticket again and again (each call also finishes the previous
                   ticket), as a generalist clicking: p50 / p99 and calls per second
    all windows    8 windows calling at once on the same pooled queue: p50 / p99, calls per second, and a
                   check that no ticket was called twice

The hall holds 2 × 1,000 + the calls' worth of waiting tickets, so at least 1,000 wait throughout.
Sizes: 1,000 waiting, 1,000 calls per phase; `--smoke`: 100 waiting, 100 calls.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
import uuid
from http.client import HTTPConnection


def add_arguments(parser) -> None:
    group = parser.add_argument_group("tickets")
    group.add_argument("--waiting", type=int, help="tickets waiting while the windows call (1,000)")


def _database(harness, args, env) -> None:
    if args.db == "sqlite":
        path = harness.VAR / "bench-tickets.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
        return
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "onedoor_bench_tickets"')
        conn.execute('CREATE DATABASE "onedoor_bench_tickets"')
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/onedoor_bench_tickets"


def _call(conn: HTTPConnection, token: str, centre: str, window: str) -> tuple[float, str | None]:
    started = time.perf_counter()
    conn.request(
        "POST",
        f"/api/v1/queue/windows/{centre}/{window}/call-next",
        body=b"{}",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": uuid.uuid4().hex,
        },
    )
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise SystemExit(f"call-next answered {response.status}: {body[:300]!r}")
    ticket = json.loads(body)["ticket"]
    return elapsed, ticket and ticket["number"]


def _phase(port, info, windows: list[str], calls: int) -> dict:
    latencies: list[float] = []
    numbers: list[str] = []
    lock = threading.Lock()
    per_window = max(1, calls // len(windows))

    def work(window):
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_window):
            ms, number = _call(conn, info["token"], info["centre"], window)
            with lock:
                latencies.append(ms)
                if number:
                    numbers.append(number)

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(w,)) for w in windows]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]  # noqa: E731
    return {
        "calls": len(latencies),
        "per_second": len(latencies) / seconds,
        "p50_ms": pick(0.5),
        "p99_ms": pick(0.99),
        "numbers": numbers,
    }


def suite(args, base_env, harness) -> None:
    waiting = args.waiting or (100 if args.smoke else 1_000)
    calls = waiting
    env = dict(base_env)
    harness.VAR.mkdir(parents=True, exist_ok=True)
    _database(harness, args, env)
    print(
        f"filling {env['DATABASE_URL']}: the demo organisation, {2 * waiting + calls:,} waiting tickets …",
        flush=True,
    )
    harness.migrate(env)
    out = subprocess.run(
        [
            harness.BIN / "python",
            harness.ROOT / "bench" / "tickets_populate.py",
            "fill",
            str(2 * waiting + calls),
        ],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    info = json.loads(out.stdout.strip().splitlines()[-1])
    with harness.serve(env, args.workers) as port:
        _phase(port, info, info["windows"][:1], 20)  # warm both workers
        one = _phase(port, info, info["windows"][:1], calls)
        many = _phase(port, info, info["windows"][:8], calls)
    called = one["numbers"] + many["numbers"]
    print(
        f"\nOneDoor queue benchmark — {args.db}; gunicorn {args.workers} sync workers; "
        f"{info['waiting']:,} tickets waiting at the start, ≥ {waiting:,} throughout"
    )
    print(f"{'call-next':<34}{'calls':>8}{'calls/s':>10}{'p50 ms':>9}{'p99 ms':>9}")
    for name, r in (("one window", one), (f"{min(8, len(info['windows']))} windows at once", many)):
        print(f"{name:<34}{r['calls']:>8}{r['per_second']:>10.0f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}")
    if len(called) != len(set(called)):
        raise SystemExit("a ticket was called twice")
    print("no ticket called twice")
