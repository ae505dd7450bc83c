"""OneDoor benchmarks, through HTTP against gunicorn (2 sync workers, as in production).

    .venv/bin/python bench/run.py                       # every suite: catalog and people, then cases
    .venv/bin/python bench/run.py catalog               # 10,000 items, 1,000,000 persons, SQLite
    .venv/bin/python bench/run.py cases --db postgres   # the case spine at 3,000,000 cases (bench/cases.py)
    .venv/bin/python bench/run.py tickets --db postgres # call-next with 1,000 tickets waiting (bench/tickets.py)
    .venv/bin/python bench/run.py portal --db postgres  # item page and progress query, 16 connections (bench/portal.py)
    .venv/bin/python bench/run.py ledger --db postgres  # log appends, proofs at 10,000,000 entries (bench/ledger.py)
    .venv/bin/python bench/run.py ratings --db postgres # rating submissions req/s from a window's pad (bench/ratings.py)
    .venv/bin/python bench/run.py scores --db postgres  # the scores tables for a year at 3,000,000 cases (bench/scores.py)
    .venv/bin/python bench/run.py --smoke               # every suite at small sizes, a second per endpoint (CI)

Each endpoint is measured next to a trivial endpoint of the same server in the same run, and the ratio
printed. Load comes from wrk (8 connections) when installed, else from a Python keep-alive client.
The populated database is cached under var/bench/ by size, so a rerun skips the fill.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
VAR = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT / "src"))

import cases  # noqa: E402  (bench/cases.py: the case benchmarks)
import deliveries  # noqa: E402  (bench/deliveries.py: the back-end delivery benchmark)
import ledger  # noqa: E402  (bench/ledger.py: the transparency log's appends and proofs)
import portal  # noqa: E402  (bench/portal.py: the citizen portal's item page and progress query)
import ratings  # noqa: E402  (bench/ratings.py: rating submissions from a window's pad)
import scores  # noqa: E402  (bench/scores.py: the scores tables over a year's rollup)
import tickets  # noqa: E402  (bench/tickets.py: the queue's call-next latency)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def migrate(env) -> None:
    """Bring the database of env's DATABASE_URL to this checkout's schema. A new SQLite database starts as a
    copy of one migrated once per set of migrations: migrating from nothing takes ~9 s, and the smoke run
    fills seven databases."""
    url = env["DATABASE_URL"]
    path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    if path is not None and (not path.exists() or path.stat().st_size == 0):
        shutil.copyfile(_migrated_template(env), path)
        return
    subprocess.run([BIN / "onedoor", "migrate", "-v0"], env=env, check=True)


def _migrated_template(env) -> Path:
    digest = hashlib.sha256()
    for migration in sorted((ROOT / "src" / "onedoor").glob("*/migrations/*.py")):
        digest.update(str(migration.relative_to(ROOT)).encode() + b"\0" + migration.read_bytes())
    template = VAR / f"migrated-{digest.hexdigest()[:16]}.sqlite3"
    if not template.exists():
        building = template.with_suffix(".building")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        subprocess.run(
            [BIN / "onedoor", "migrate", "-v0"],
            env={**env, "DATABASE_URL": f"sqlite:///{building}"},
            check=True,
        )
        building.rename(template)
    return template


def database(args) -> tuple[str, bool]:
    """(DATABASE_URL, needs_fill) for a database holding exactly the requested sizes."""
    VAR.mkdir(parents=True, exist_ok=True)
    tag = f"{args.items}i-{args.persons}p"
    marker = VAR / f"{args.db}-{tag}.ready"
    if args.db == "sqlite":
        path = VAR / f"bench-{tag}.sqlite3"
        url = f"sqlite:///{path}"
        if marker.exists() and path.exists():
            return url, False
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        name = f"onedoor_bench_{tag.replace('-', '_')}"
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
        if marker.exists():
            return url, False
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    return url, True


def prepare(args, env) -> str:
    url, fill = database(args)
    env["DATABASE_URL"] = url
    token_file = VAR / f"{args.db}-{args.items}i-{args.persons}p.token"
    if fill:
        print(f"filling {url} with {args.items:,} items and {args.persons:,} persons …", flush=True)
        migrate(env)
        out = subprocess.run(
            [BIN / "python", ROOT / "bench" / "populate.py", str(args.items), str(args.persons)],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        token_file.write_text(out.stdout.strip().splitlines()[-1])
        (VAR / f"{args.db}-{args.items}i-{args.persons}p.ready").touch()
    else:  # a database filled by an older checkout: bring its schema up to this one's
        migrate(env)
    return token_file.read_text().strip()


def sample_paths(args, env) -> dict[str, list[str]]:
    """Request paths per endpoint: everyday search phrasings, and ID numbers known to be in the database."""
    from onedoor.demo.data.search_queries import QUERIES

    numbers = subprocess.run(
        [BIN / "python", ROOT / "bench" / "populate.py", "sample", "2000"],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    numbers = numbers.stdout.split()
    phrases = [q[0] if isinstance(q, tuple | list) else q for q in QUERIES]
    quote = urllib.parse.quote
    return {
        "trivial (/api/v1/health)": ["/api/v1/health"],
        "catalog search (/api/v1/items?q=)": [f"/api/v1/items?q={quote(p)}&limit=10" for p in phrases],
        "person lookup (/api/v1/people?q=<ID number>)": [f"/api/v1/people?q={n}" for n in numbers],
        "person full view, access-logged (/api/v1/people/<n>?purpose=)": [
            f"/api/v1/people/{n}?purpose={quote('benchmark lookup')}" for n in numbers
        ],
    }


def wrk(port, script: str, lines: list[str], env_extra: dict, seconds, connections) -> dict:
    """Run wrk with a Lua script of bench/ reading `lines` (paths or bodies) from a file; its JSON summary."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines))
    env = {**os.environ, "WRK_LINES": f.name, **env_extra}
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "30s",  # measure slow requests rather than count them as errors after wrk's default 2 s
            "-s",
            str(ROOT / "bench" / script),
            f"http://127.0.0.1:{port}",
        ],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    result = json.loads(line[5:])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def run_wrk(port, paths, token, seconds, connections) -> dict:
    return wrk(port, "paths.lua", paths, {"WRK_TOKEN": token}, seconds, connections)


def run_python(port, paths, token, seconds, connections) -> dict:
    latencies: list[float] = []
    non2xx = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {token}"} if token else {}

    def worker(seed):
        nonlocal non2xx
        rng, conn, mine, bad = random.Random(seed), HTTPConnection("127.0.0.1", port), [], 0
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            conn.request("GET", rng.choice(paths), headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t0)
            bad += response.status >= 300
        with lock:
            latencies.extend(mine)
            non2xx += bad

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
        "non2xx": non2xx,
        "errors": 0,
    }


@contextlib.contextmanager
def serve(env, workers):
    """gunicorn with `workers` sync workers on a free port, as in production; stopped afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "onedoor.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(600):  # until a worker answers (booting Django on a busy machine takes seconds)
            try:
                conn = HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/api/v1/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def load_tool():
    return run_wrk if shutil.which("wrk") else run_python


def catalog_suite(args, env) -> None:
    token = prepare(args, env)
    paths = sample_paths(args, env)
    with serve(env, args.workers) as port:
        tool = load_tool()
        print(
            f"\nOneDoor benchmark — {args.db}, {args.items:,} items, {args.persons:,} persons; gunicorn "
            f"{args.workers} sync workers; {tool.__name__[4:]} {args.connections} connections × {args.seconds:g} s; "
            f"{os.cpu_count()} CPUs"
        )
        for paths_ in paths.values():  # warm every worker's caches (search index) before measuring
            tool(port, paths_[:50], token, min(1.0, args.seconds), args.connections)
        results = {name: tool(port, p, token, args.seconds, args.connections) for name, p in paths.items()}
    base = results["trivial (/api/v1/health)"]["rps"]
    if not base:
        raise SystemExit("the trivial endpoint answered nothing: the server did not come up in time")
    print(f"{'endpoint':<66}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'vs trivial':>12}")
    for name, r in results.items():
        print(f"{name:<66}{r['rps']:>9.0f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['rps'] / base:>11.2f}×")
    failed = {n: r for n, r in results.items() if r["non2xx"] or r["errors"]}
    if failed:
        raise SystemExit(f"requests failed: {failed}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "suite",
        nargs="?",
        choices=["all", "catalog", "cases", "deliveries", "tickets", "portal", "ledger", "ratings", "scores"],
        default="all",
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--smoke", action="store_true", help="small sizes, short runs (CI)")
    cases.add_arguments(parser)
    deliveries.add_arguments(parser)
    tickets.add_arguments(parser)
    portal.add_arguments(parser)
    ledger.add_arguments(parser)
    ratings.add_arguments(parser)
    scores.add_arguments(parser)
    args = parser.parse_args()
    if args.smoke:
        args.items, args.persons, args.seconds = 300, 5_000, 1
    env = {**os.environ, "ONEDOOR_SECRET_KEY": "bench", "ONEDOOR_DEBUG": "0", "PYTHONPATH": str(ROOT / "src")}
    if args.suite in ("all", "catalog"):
        catalog_suite(args, env)
    if args.suite in ("all", "cases"):
        cases.suite(args, env, sys.modules[__name__])
    if args.suite in ("all", "deliveries"):
        deliveries.suite(args, env, sys.modules[__name__])
    if args.suite in ("all", "tickets"):
        tickets.suite(args, env, sys.modules[__name__])
    if args.suite in ("all", "portal"):
        portal.suite(args, env, sys.modules[__name__])
    if args.suite in ("all", "ledger"):
        ledger.suite(args, env, sys.modules[__name__])
    if args.suite in ("all", "ratings"):
        ratings.suite(args, env, sys.modules[__name__])
    if args.suite in ("all", "scores"):
        scores.suite(args, env, sys.modules[__name__])


if __name__ == "__main__":
    main()
