"""The citizen portal benchmark (issue 5 §9): a guide (item) page and the public progress query, p50 / p99 at
16 connections, each next to the trivial `/api/v1/health` of the same gunicorn (2 sync workers) in the same
run, with the ratio of requests per second.

    item page          GET /guide/440604/<code>/ over every published item (the full guide: materials,
                       criteria, process; server-rendered)
    progress (page)    POST /progress/ with a case number and the applicant's last 4 characters (the form a
                       citizen sends, CSRF cookie and token included): the case, its steps and certificate
    progress (API)     GET /api/v1/public/cases/<number>?applicant_tail=… (the same query as JSON)

The database is the demo (`onedoor seed`) with CASES cases made through the case services. All load comes from
one address, so the bench's settings (bench/trivial_settings.py) raise the per-address lookup limit of the
progress query; the limit's own check still runs on every request. Sizes: 2,000 persons and 2,000 cases,
10 s per endpoint; `--smoke`: 300 persons, 100 cases, 1 s.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import urllib.parse


def add_arguments(parser) -> None:
    group = parser.add_argument_group("portal")
    group.add_argument("--portal-cases", type=int, help="cases in the portal bench's demo (2,000)")
    group.add_argument("--portal-connections", type=int, default=16)


def _database(harness, args, env, tag: str) -> bool:
    """Point env at the bench database for `tag`; True when it must be filled."""
    marker = harness.VAR / f"{args.db}-portal-{tag}.json"
    if args.db == "sqlite":
        path = harness.VAR / f"bench-portal-{tag}.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
        if marker.exists() and path.exists():
            return False
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return True
    name = f"onedoor_bench_portal_{tag}"
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    if marker.exists():
        return False
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


def suite(args, base_env, harness) -> None:
    persons, cases = (300, 100) if args.smoke else (2_000, args.portal_cases or 2_000)
    connections = args.portal_connections
    tag = f"{persons}p{cases}c"
    env = {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "trivial_settings",
        "ONEDOOR_PROGRESS_LOOKUPS_PER_MINUTE": "100000000",
    }
    env["PYTHONPATH"] = f"{harness.ROOT / 'bench'}:{env['PYTHONPATH']}"
    harness.VAR.mkdir(parents=True, exist_ok=True)
    marker = harness.VAR / f"{args.db}-portal-{tag}.json"
    if _database(harness, args, env, tag):
        print(
            f"filling {env['DATABASE_URL']}: the demo with {persons:,} persons and {cases:,} cases …",
            flush=True,
        )
        harness.migrate(env)
        out = subprocess.run(
            [harness.BIN / "python", harness.ROOT / "bench" / "portal_populate.py", str(persons), str(cases)],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        marker.write_text(out.stdout.strip().splitlines()[-1])
    else:
        harness.migrate(env)
    data = json.loads(marker.read_text())
    csrf = secrets.token_hex(16)  # 32 characters: Django takes the secret itself as the form's token
    quote = urllib.parse.quote
    endpoints = {
        "trivial (/api/v1/health)": ["GET /api/v1/health"],
        "item page (/guide/<district>/<code>/)": [f"GET /guide/440604/{code}/" for code in data["items"]],
        "progress query, page (POST /progress/)": [
            f"POST /progress/ csrfmiddlewaretoken={csrf}&number={quote(n)}&tail={quote(t)}"
            for n, t in data["cases"]
        ],
        "progress query, API (/api/v1/public/cases/<n>)": [
            f"GET /api/v1/public/cases/{quote(n)}?applicant_tail={quote(t)}" for n, t in data["cases"]
        ],
    }
    with harness.serve(env, args.workers) as port:
        for lines in endpoints.values():  # warm both workers
            harness.wrk(port, "mixed.lua", lines[:50], {"WRK_CSRF": csrf}, 1, connections)
        results = {
            name: harness.wrk(port, "mixed.lua", lines, {"WRK_CSRF": csrf}, args.seconds, connections)
            for name, lines in endpoints.items()
        }
    base = results["trivial (/api/v1/health)"]["rps"]
    print(
        f"\nOneDoor portal benchmark — {args.db}; demo with {persons:,} persons, {cases:,} cases, "
        f"{len(data['items'])} items; gunicorn {args.workers} sync workers; wrk {connections} connections × "
        f"{args.seconds:g} s"
    )
    print(f"{'endpoint':<50}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'vs trivial':>12}")
    for name, r in results.items():
        print(f"{name:<50}{r['rps']:>9.0f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['rps'] / base:>11.2f}×")
    failed = {n: r for n, r in results.items() if r["non2xx"] or r["errors"]}
    if failed:
        raise SystemExit(f"requests failed: {failed}")
