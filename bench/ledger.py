"""The transparency log benchmark (issue 6 §6), in-process against the real services and database:

    appends     `ledger_append_many` in batches of 1,000 with a checkpoint signed after each batch (batched
                checkpoints): entries per second, on top of the filled log
    proofs      `inclusion_proof` for random entries of the whole log: p50 / p99 (goal ≤ 1 ms at 10,000,000)
    verify      RFC 9162 verification of those proofs (pure hashing): p50 / p99

The log is first filled to `--ledger-entries` (10,000,000). On PostgreSQL the fill is a bulk load: the bench
computes the same leaves and subtree hashes the service would and COPYs them in (appending 10,000,000 through
the service takes ~30 min here, at the rate the appends phase measures); on SQLite (and in `--smoke`, 5,000
entries) the fill goes through `ledger_append_many`.
"""

from __future__ import annotations


def add_arguments(parser) -> None:
    group = parser.add_argument_group("ledger")
    group.add_argument("--ledger-entries", type=int, help="entries in the log before measuring (10,000,000)")


def _database(harness, args, env) -> None:
    if args.db == "sqlite":
        path = harness.VAR / "bench-ledger.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
        return
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "onedoor_bench_ledger"')
        conn.execute('CREATE DATABASE "onedoor_bench_ledger"')
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/onedoor_bench_ledger"


def suite(args, base_env, harness) -> None:
    import json
    import subprocess

    entries = 5_000 if args.smoke else (args.ledger_entries or 10_000_000)
    env = dict(base_env)
    harness.VAR.mkdir(parents=True, exist_ok=True)
    _database(harness, args, env)
    harness.migrate(env)
    out = subprocess.run(
        [harness.BIN / "python", harness.ROOT / "bench" / "ledger_run.py", str(entries), args.db],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\nOneDoor ledger benchmark — {args.db}; {r['filled']:,} entries ({r['fill']}), in-process")
    print(f"fill: {r['fill_seconds']:.1f} s")
    print(
        f"appends with a checkpoint per 1,000: {r['appends_per_s']:,.0f} entries/s "
        f"({r['appended']:,} appended; checkpoint signing p50 {r['checkpoint_p50_ms']:.1f} ms)"
    )
    print(f"inclusion proof at {r['size']:,}: p50 {r['proof_p50_ms']:.3f} ms, p99 {r['proof_p99_ms']:.3f} ms")
    print(f"verification: p50 {r['verify_p50_ms']:.3f} ms, p99 {r['verify_p99_ms']:.3f} ms")
    if not r["all_verified"]:
        raise SystemExit("a proof did not verify")
