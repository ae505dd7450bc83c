"""The rating benchmark (issue 7 §7: rating submission req/s), through HTTP against gunicorn (2 sync workers).

    POST /api/v1/ratings/visits   from the window's pad (X-Rating-Pad), a fresh visit each request, each with
                                  its own Idempotency-Key: every tenth a 1-star rating with a reason, which
                                  also opens a rectification on the working-day calendar; the rest 5, 4 or 3
                                  with sub-scores and a tag

8 client connections share the visits (no visit is rated twice); the trivial /api/v1/health of the same server
is measured beside it. Sizes: 5,000 visits (`--ratings N`); `--smoke`: 200.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
import uuid
from http.client import HTTPConnection


def add_arguments(parser) -> None:
    group = parser.add_argument_group("ratings")
    group.add_argument("--ratings", type=int, help="visits rated, one request each (5,000)")


def _database(harness, args, env) -> None:
    if args.db == "sqlite":
        path = harness.VAR / "bench-ratings.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
        return
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "onedoor_bench_ratings"')
        conn.execute('CREATE DATABASE "onedoor_bench_ratings"')
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/onedoor_bench_ratings"


def _body(n: int, ticket: int) -> bytes:
    if n % 10 == 0:
        body = {"ticket": ticket, "level": 1, "tags": ["waited_too_long"], "comment": "等候时间过长"}
    else:
        level = (5, 4, 3)[n % 3]
        tags = {5: ["fast"], 4: ["friendly"], 3: ["long_wait"]}[level]
        body = {
            "ticket": ticket,
            "level": level,
            "tags": tags,
            "sub_scores": {"attitude": level, "efficiency": 4},
        }
    return json.dumps(body).encode()


def _rate(port: int, secret: str, tickets: list[int], connections: int) -> dict:
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    shares = [tickets[i::connections] for i in range(connections)]

    def work(mine: list[int]):
        conn, spent = HTTPConnection("127.0.0.1", port, timeout=30), []
        for ticket in mine:
            started = time.perf_counter()
            conn.request(
                "POST",
                "/api/v1/ratings/visits",
                body=_body(ticket, ticket),
                headers={
                    "X-Rating-Pad": secret,
                    "Content-Type": "application/json",
                    "Idempotency-Key": uuid.uuid4().hex,
                },
            )
            response = conn.getresponse()
            answer = response.read()
            spent.append((time.perf_counter() - started) * 1000)
            if response.status != 201:
                with lock:
                    failures.append(f"{response.status} {answer[:200]!r}")
        with lock:
            latencies.extend(spent)

    threads = [threading.Thread(target=work, args=(share,)) for share in shares]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{len(failures)} rating(s) failed, e.g. {failures[0]}")
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]  # noqa: E731
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": pick(0.5),
        "p99_ms": pick(0.99),
    }


def suite(args, base_env, harness) -> None:
    count = args.ratings or (200 if args.smoke else 5_000)
    env = dict(base_env)
    # All visits are served at the fill; a large run rates them for longer than a pad's usual 3 minutes.
    env["ONEDOOR_RATING_PAD_MINUTES"] = str(24 * 60)
    harness.VAR.mkdir(parents=True, exist_ok=True)
    _database(harness, args, env)
    print(f"filling {env['DATABASE_URL']}: one window, {count + 100:,} visits served …", flush=True)
    harness.migrate(env)
    out = subprocess.run(
        [harness.BIN / "python", harness.ROOT / "bench" / "ratings_populate.py", str(count + 100)],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    info = json.loads(out.stdout.strip().splitlines()[-1])
    tickets = info["tickets"]
    with harness.serve(env, args.workers) as port:
        _rate(port, info["secret"], tickets[:100], 2)  # warm both workers on visits of their own
        tool = harness.load_tool()
        trivial = tool(port, ["/api/v1/health"], "", args.seconds, args.connections)
        rated = _rate(port, info["secret"], tickets[100:], args.connections)
    print(
        f"\nOneDoor rating benchmark — {args.db}; gunicorn {args.workers} sync workers; {args.connections} "
        f"connections; {rated['requests']:,} visits rated once each (1 in 10 a 1-star rating opening a rectification)"
    )
    print(f"{'endpoint':<44}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'vs trivial':>12}")
    for name, r in (("trivial (/api/v1/health)", trivial), ("POST /api/v1/ratings/visits", rated)):
        print(
            f"{name:<44}{r['rps']:>9.0f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['rps'] / trivial['rps']:>11.2f}×"
        )
