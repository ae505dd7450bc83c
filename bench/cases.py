"""The case-spine benchmarks (issue 3 §9), one gunicorn, one run (`bench/run.py cases --db postgres`):

    (a) POST /bench/write                trivial: two rows in one transaction (bench-only, bench/trivial.py)
    (b) POST /api/v1/cases               accept, with everything it does: token, item, applicant, credit,
                                         settled records, number, materials, trail; instant items finish
                                         with a signed certificate; a unique Idempotency-Key each
    (d) GET  /bench/read/<pk>            trivial: one row by primary key (bench-only)
    (c) GET  /api/v1/cases/{number}      one case as the API shows it
    list GET /api/v1/cases               first pages, with and without status and department filters
    pages GET /api/v1/cases?cursor=      pages deep in the list (the cursor of a random case)
    search GET /api/v1/cases?applicant=  an applicant's cases

printing req/s, p50, p99 and the ratios b/a (goal >= 0.5) and c/d (goal >= 0.7); list and search p50/p99
(goal <= 10 ms / 50 ms) at 3,000,000 cases. The database holds cases generated through the case services and,
up to the total, copies of them (bench/case_fill.py) — said in the output. Cached under var/bench/.
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import subprocess
import time
from http.client import HTTPConnection

SIZES = {
    "full": {"persons": 200_000, "enterprises": 20_000, "generated": 20_000, "total": 3_000_000},
    "smoke": {"persons": 300, "enterprises": 30, "generated": 60, "total": 400},
}
RATIO_ENDPOINTS = ("a", "b", "c", "d")
SEED_VOLUME = 2_790_000  # the seed's two-year volume
GOALS = {"b/a": 0.5, "c/d": 0.7, "p50": 10.0, "p99": 50.0}


def add_arguments(parser) -> None:
    group = parser.add_argument_group("cases")
    group.add_argument("--cases-total", type=int, help="cases in the database (3,000,000)")
    group.add_argument("--cases-generated", type=int, help="of which generated through the services (20,000)")
    group.add_argument("--cases-persons", type=int, help="persons who apply (200,000)")
    group.add_argument(
        "--cases-rounds",
        type=int,
        default=3,
        help="interleaved rounds of a, b, c, d; each ratio is the median of its rounds' ratios (3)",
    )
    group.add_argument(
        "--cases-endpoints",
        help="measure only these, comma-separated: a,b,c,d,list,pages,search (all); for comparing one change",
    )


def _sizes(args) -> dict:
    sizes = dict(SIZES["smoke" if args.smoke else "full"])
    for key, value in (
        ("total", args.cases_total),
        ("generated", args.cases_generated),
        ("persons", args.cases_persons),
    ):
        if value:
            sizes[key] = value
    sizes["total"] = max(sizes["total"], sizes["generated"])
    return sizes


def _database(harness, args, sizes) -> tuple[str, str, bool]:
    """(DATABASE_URL, tag, needs_fill)."""
    harness.VAR.mkdir(parents=True, exist_ok=True)
    tag = f"cases-{sizes['generated']}g-{sizes['total']}t-{sizes['persons']}p"
    marker = harness.VAR / f"{args.db}-{tag}.json"
    if args.db == "sqlite":
        path = harness.VAR / f"bench-{tag}.sqlite3"
        url = f"sqlite:///{path}"
        if marker.exists() and path.exists():
            return url, tag, False
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return url, tag, True
    name = f"onedoor_bench_{tag.replace('-', '_')}"
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    if marker.exists():
        return url, tag, False
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url, tag, True


def _prepare(harness, args, env, sizes) -> dict:
    url, tag, fill = _database(harness, args, sizes)
    env["DATABASE_URL"] = url
    marker = harness.VAR / f"{args.db}-{tag}.json"
    if fill:
        print(
            f"filling {url}: {sizes['persons']:,} persons, {sizes['generated']:,} cases through the services, "
            f"copies up to {sizes['total']:,} …",
            flush=True,
        )
        harness.migrate(env)
        out = subprocess.run(
            [
                harness.BIN / "python",
                harness.ROOT / "bench" / "cases_populate.py",
                "fill",
                *(str(sizes[k]) for k in ("persons", "enterprises", "generated", "total")),
            ],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        info = json.loads(out.stdout.strip().splitlines()[-1])
        info["filled_on"] = time.strftime("%Y-%m-%d")
        marker.write_text(json.dumps(info))
    else:  # a database filled by an older checkout: bring its schema and stored answers up to this one's
        harness.migrate(env)
        subprocess.run(
            [harness.BIN / "onedoor", "cases", "fill-shown"], env=env, check=True, stdout=subprocess.PIPE
        )
    return json.loads(marker.read_text())


def _requests(harness, env, count: int) -> dict:
    out = subprocess.run(
        [harness.BIN / "python", harness.ROOT / "bench" / "cases_populate.py", "sample", str(count)],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(out.stdout)


def post_wrk(harness, port, path, bodies, token, seconds, connections) -> dict:
    """POSTs through bench/post.lua with the harness's one wrk runner (a unique Idempotency-Key each)."""
    extra = {"WRK_PATH": path, "WRK_TOKEN": token, "WRK_RUN": f"bench-{time.time_ns()}"}
    return harness.wrk(port, "post.lua", bodies, extra, seconds, connections)


def post_python(port, path, bodies, token, seconds, connections) -> dict:
    """The keep-alive Python client of run.py, posting instead of getting (when wrk is missing)."""
    import random
    import threading

    latencies, bad, lock = [], [0], threading.Lock()
    deadline, run = time.monotonic() + seconds, time.time_ns()

    def worker(n):
        rng, conn, mine, failed = random.Random(n), HTTPConnection("127.0.0.1", port), [], 0
        count = 0
        while time.monotonic() < deadline:
            count += 1
            headers = {"Content-Type": "application/json", "Idempotency-Key": f"py-{run}-{n}-{count}"}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            t0 = time.perf_counter()
            conn.request("POST", path, body=rng.choice(bodies).encode(), headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t0)
            failed += response.status >= 300
        with lock:
            latencies.extend(mine)
            bad[0] += failed

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": pick(0.5),
        "p99_ms": pick(0.99),
        "non2xx": bad[0],
        "errors": 0,
    }


def suite(args, base_env, harness) -> None:
    sizes = _sizes(args)
    env = {
        **base_env,
        "PYTHONPATH": os.pathsep.join([str(harness.ROOT / "src"), str(harness.ROOT / "bench")]),
        "DJANGO_SETTINGS_MODULE": "trivial_settings",
    }
    info = _prepare(harness, args, env, sizes)
    req = _requests(harness, env, 2000)
    get = harness.load_tool()
    post = functools.partial(post_wrk, harness) if get.__name__ == "run_wrk" else post_python
    token, s, c = info["token"], args.seconds, args.connections
    plan = [
        ("(a) trivial write: POST /bench/write (2 rows, 1 tx)", post, "/bench/write", ["{}"], ""),
        ("(b) accept: POST /api/v1/cases", post, "/api/v1/cases", req["bodies"], token),
        (
            "(d) trivial read: GET /bench/read/<pk>",
            get,
            None,
            [f"/bench/read/{pk}" for pk in req["rows"]],
            "",
        ),
        (
            "(c) one case: GET /api/v1/cases/{number}",
            get,
            None,
            [f"/api/v1/cases/{n}" for n in req["numbers"]],
            token,
        ),
        ("list: GET /api/v1/cases (first pages, filters)", get, None, req["lists"], token),
        ("pages: GET /api/v1/cases?cursor= (deep pages)", get, None, req["pages"], token),
        ("search: GET /api/v1/cases?applicant=", get, None, req["searches"], token),
    ]
    if args.cases_endpoints:
        wanted = {w.strip() for w in args.cases_endpoints.split(",")}
        plan = [p for p in plan if _key(p[0]) in wanted]
    if args.db == "postgres":
        _prewarm(env["DATABASE_URL"])
    rounds = 1 if args.smoke else args.cases_rounds
    runs: dict[str, list[dict]] = {}
    alone = {}
    with harness.serve(env, args.workers) as port:
        _check(port, plan)
        # The ratio endpoints (a-d) in `rounds` interleaved rounds: this machine's speed drifts within minutes,
        # so a ratio is taken between measurements a few seconds apart, round by round.
        for r in range(rounds):
            for n, (name, tool, path, items, tok) in enumerate(plan):
                if r and _key(name) not in RATIO_ENDPOINTS:
                    continue
                warm = (2.0 if args.smoke else 3.0) if n == 0 and r == 0 else min(1.0, s / 2)
                _measure(tool, port, path, items[:50], tok, warm, c)  # every worker warm for this endpoint
                _drain(port)
                runs.setdefault(name, []).append(_measure(tool, port, path, items, tok, s, c))
                _drain(port)  # requests still running after the load stops must not slow the next endpoint
                if _key(name) in ("list", "pages", "search"):
                    # their latency goal is one client's, without queueing
                    alone[name] = _measure(tool, port, path, items, tok, s, 1)
    _report(args, sizes, info, runs, alone, get.__name__[4:])


# What the measured reads touch: read into the OS page cache before measuring (pg_prewarm), as a database
# server's memory would hold them. These machines' kernel reclaims pages left unread for a while (kdamond),
# even with most memory free, and a read that goes to the virtual disk measures the disk, not OneDoor.
PREWARM_TABLES = (
    "cases_case",
    "cases_casematerial",
    "cases_certificate",
    "catalog_item",
    "catalog_itemversion",
    "districts_department",
    "districts_apitoken",
    "bench_row",
)


def _prewarm(url: str) -> None:
    import psycopg

    started = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        try:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        except psycopg.Error as exc:
            print(f"not prewarmed (pg_prewarm: {exc})", flush=True)
            return
        relations = conn.execute(
            "SELECT c.oid FROM pg_class c WHERE c.relname = ANY(%s) "
            "UNION SELECT i.indexrelid FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relname = ANY(%s)",
            [list(PREWARM_TABLES), list(PREWARM_TABLES)],
        ).fetchall()
        blocks = sum(
            conn.execute("SELECT pg_prewarm(%s, 'read')", [oid]).fetchone()[0] for (oid,) in relations
        )
    print(
        f"prewarmed {blocks * 8 / 1024:,.0f} MB of the measured tables and their indexes "
        f"in {time.monotonic() - started:.1f} s",
        flush=True,
    )


def _combined(windows: list[dict]) -> dict:
    """Rounds of one endpoint as one: req/s over all of them, the median p50, the worst p99."""
    requests = sum(w["requests"] for w in windows)
    seconds = sum(w["requests"] / w["rps"] for w in windows if w["rps"])
    return {
        "requests": requests,
        "rps": requests / seconds if seconds else 0.0,
        "p50_ms": statistics.median(w["p50_ms"] for w in windows),
        "p99_ms": max(w["p99_ms"] for w in windows),
        "errors": sum(w["errors"] for w in windows),
        "non2xx": sum(w["non2xx"] for w in windows),
    }


def _key(name: str) -> str:
    """ "(a) trivial write: …" -> "a"; "list: GET …" -> "list"."""
    return name[1] if name.startswith("(") else name.split(":")[0]


def _drain(port) -> None:
    """Wait until both workers have finished what the load left behind: a few requests, one at a time."""
    for _ in range(4):
        conn = HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", "/api/v1/health")
        conn.getresponse().read()


def _check(port, plan) -> None:
    """One request per endpoint, which must succeed: the smoke run's assertion, whatever the timings."""
    for name, _tool, path, items, token in plan:
        method, target, body = ("POST", path, items[0]) if path else ("GET", items[0], None)
        headers = {"Content-Type": "application/json", "Idempotency-Key": f"check-{time.time_ns()}"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        conn = HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request(method, target, body=body.encode() if body else None, headers=headers)
        response = conn.getresponse()
        text = response.read()[:500]
        if response.status >= 300:
            raise SystemExit(f"{name}: {method} {target} answered {response.status}: {text!r}")


def _measure(tool, port, path, items, token, seconds, connections) -> dict:
    if path is not None:
        return tool(port, path, items, token, seconds, connections)
    return tool(port, items, token, seconds, connections)


def _report(args, sizes, info, runs, alone, tool_name) -> None:
    copies = info["copies"]["cases"]
    rounds = max(len(w) for w in runs.values()) if runs else 0
    print(
        f"\nOneDoor case benchmarks — {args.db}; {sizes['total']:,} cases ({sizes['total'] - copies:,} generated "
        f"through the case services, {copies:,} bulk COPIES of them, see bench/case_fill.py); "
        f"{sizes['persons']:,} persons; gunicorn {args.workers} sync workers; {tool_name} {args.connections} "
        f"connections × {args.seconds:g} s, a-d in {rounds} interleaved rounds; {os.cpu_count()} CPUs; "
        f"load average before {os.getloadavg()[0]:.1f}"
    )
    results = {name: _combined(windows) for name, windows in runs.items()}
    print(f"{'endpoint':<52}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'timeouts':>10}")
    for name, r in results.items():
        print(f"{name:<52}{r['rps']:>9.0f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['errors']:>10}")
    for name, r in alone.items():
        label = f"{name.split(':')[0]}, one connection"
        print(f"{label:<52}{r['rps']:>9.0f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['errors']:>10}")
    failed = {n: r for n, r in [*results.items(), *alone.items()] if r["non2xx"]}
    if failed:
        raise SystemExit(f"requests failed: {failed}")
    by_key = {_key(name): windows for name, windows in runs.items()}
    for key in ("b/a", "c/d"):
        b, a = by_key.get(key[0]), by_key.get(key[2])
        if b is None or a is None:
            continue  # --cases-endpoints left one out
        ratios = [x["rps"] / y["rps"] for x, y in zip(b, a, strict=True) if x["rps"] and y["rps"]]
        if len(ratios) < len(b):
            print(
                f"ratio {key}: not computed, an endpoint completed no request in a {args.seconds:g} s window"
            )
            continue
        ratio = statistics.median(ratios)
        verdict = "met" if ratio >= GOALS[key] else "NOT met"
        each = ", ".join(f"{x:.2f}" for x in ratios)
        print(f"ratio {key} = {ratio:.2f}, the median of rounds {each} (goal >= {GOALS[key]}: {verdict})")
    for name in alone:  # list, pages, search: one client's latency (with 8 connections it is mostly queueing)
        r = alone[name]
        if not r["requests"]:
            print(f"{_key(name)}: no request completed in the {args.seconds:g} s window (each took longer)")
            continue
        verdict = "met" if r["p50_ms"] <= GOALS["p50"] and r["p99_ms"] <= GOALS["p99"] else "NOT met"
        print(f"{_key(name)} p50/p99 = {r['p50_ms']:.1f}/{r['p99_ms']:.1f} ms (goal <= 10/50 ms: {verdict})")
    seed = info["seed"]
    rate, cpu_rate = seed["cases"] / seed["seconds"], seed["cases"] / max(seed["cpu_seconds"], 1e-9)
    print(
        f"seed through the services (when filled, {info['filled_on']}): {seed['cases']:,} cases and "
        f"{seed['actions']:,} officer actions in {seed['seconds']:.0f} s = {rate:.0f} cases/s "
        f"({cpu_rate:.0f} per CPU-second of the generator); {SEED_VOLUME:,} cases would take "
        f"{SEED_VOLUME / rate / 3600:.1f} h (goal <= 10 min)"
    )
