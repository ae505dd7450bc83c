"""The scores benchmark (issue 7 §7: "scores for one year at 3,000,000 cases, goal ≤ 1 s for the whole district
table"), in-process against the real selectors and database:

    tables      `scores_table` for each unit kind (department, centre, window, officer) over one year, as the
                page and the API call it: p50 / p99 of --scores-runs runs after one warm-up; the whole district
                table is the four together (goal ≤ 1 s)
    trend       `scores_trend` of one department over the year (12 months)
    pages       the officers' table (400 rows) through the page and the API, in-process (Django's test client)
    refresh     `days_recompute` of one busy day (the work a refresh does for today): its facts regrouped

The rollup is filled as it would be after two years at --scores-cases cases a year (3,000,000) in a district
the size of the demo's and Hetang's (30 departments; 41 centres: the district hall, 7 streets, 33
communities; 91 generalist windows; 150 generalists and 250 department officers): every unit has a row on
every working day, the hall's units on Saturdays too. On PostgreSQL the rows are COPYed in; on SQLite (and in
`--smoke`: 30,000 cases a year in a district of 5 departments, 3 centres and 20 officers) they go
through bulk_create.
"""

from __future__ import annotations


def add_arguments(parser) -> None:
    group = parser.add_argument_group("scores")
    group.add_argument("--scores-cases", type=int, help="cases a year in the rollup (3,000,000)")
    group.add_argument("--scores-runs", type=int, default=15, help="timed runs per table (15)")


def _database(harness, args, env) -> None:
    if args.db == "sqlite":
        path = harness.VAR / "bench-scores.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
        return
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "onedoor_bench_scores"')
        conn.execute('CREATE DATABASE "onedoor_bench_scores"')
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/onedoor_bench_scores"


def suite(args, base_env, harness) -> None:
    import json
    import subprocess

    cases = 30_000 if args.smoke else (args.scores_cases or 3_000_000)
    runs = 3 if args.smoke else args.scores_runs
    env = dict(base_env)
    harness.VAR.mkdir(parents=True, exist_ok=True)
    _database(harness, args, env)
    harness.migrate(env)
    out = subprocess.run(
        [harness.BIN / "python", harness.ROOT / "bench" / "scores_run.py", str(cases), str(runs), args.db]
        + (["smoke"] if args.smoke else []),
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\nOneDoor scores benchmark — {args.db}; {r['cases']:,} cases a year, in-process")
    print(
        f"rollup: {r['rows']:,} unit-day rows over two years ({r['units']} units), "
        f"filled in {r['fill_seconds']:.1f} s; {r['runs']} runs each"
    )
    for kind, t in r["tables"].items():
        print(f"  {kind:<10} {t['units']:>4} units: p50 {t['p50_ms']:7.1f} ms, p99 {t['p99_ms']:7.1f} ms")
    whole = r["whole"]
    verdict = "met" if whole["p99_ms"] <= 1000 else "NOT met"
    print(
        f"whole district table (four kinds): p50 {whole['p50_ms']:.1f} ms, p99 {whole['p99_ms']:.1f} ms "
        f"(goal ≤ 1 s: {verdict})"
    )
    print(f"trend of one department, 12 months: p50 {r['trend_p50_ms']:.1f} ms")
    for name, t in r["pages"].items():
        print(
            f"officers' table through the {name} (in-process): p50 {t['p50_ms']:.1f} ms, p99 {t['p99_ms']:.1f} ms"
        )
    print(f"refresh of one day ({r['day_facts']:,} facts): {r['day_ms']:.0f} ms")
