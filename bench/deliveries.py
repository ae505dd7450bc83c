"""The delivery benchmark (issue 4): the outbox → `onedoor worker` → back-end path against the simulated
department systems (`onedoor simulate-backends`, one process playing the demo's 23 connected systems), with 2
workers, next to a plain HTTP POST loop (2 threads, the worker's own client code) to the same simulators in the
same run; then the recovery after an outage with the queue full.

    throughput   N queued events delivered by 2 workers: messages per second, and the ratio to the plain loop
    latency      events queued at half that rate while the workers run: commit → first receipt p50 / p99
    recovery     the systems answer 503 for the outage while N events queue (the workers back off and the
                 circuits open); then they come back: seconds until the last event is delivered

Sizes: 10,000 events and a 60 s outage; `--smoke`: 300 events, a 5 s outage, 1 s phases.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from http.client import HTTPConnection


def add_arguments(parser) -> None:
    group = parser.add_argument_group("deliveries")
    group.add_argument("--events", type=int, help="events queued for throughput and recovery (10,000)")
    group.add_argument("--outage", type=float, help="seconds the systems are down (60)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _helper(harness, env, *args) -> dict:
    out = subprocess.run(
        [harness.BIN / "python", harness.ROOT / "bench" / "deliveries_populate.py", *map(str, args)],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _simulator(harness, env, port, fault="none") -> subprocess.Popen:
    process = subprocess.Popen(
        [
            harness.BIN / "onedoor",
            "simulate-backends",
            "--port",
            str(port),
            "--delay",
            "3600",
            "--fault",
            fault,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            _stats(port)
            return process
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the simulated systems did not come up")


def _stats(port, since=0) -> dict:
    conn = HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", f"/?since={since}")
    return json.loads(conn.getresponse().read())


def _workers(harness, env, count=2) -> list[subprocess.Popen]:
    return [
        subprocess.Popen(
            [harness.BIN / "onedoor", "worker", "--batch", "20", "--idle", "0.05", "--sweep-every", "3600"],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]


def _stop(processes) -> None:
    for p in processes:
        p.send_signal(signal.SIGTERM)
    for p in processes:
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()


def _database(harness, args, env) -> None:
    if args.db == "sqlite":
        path = harness.VAR / "bench-deliveries.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
        return
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "onedoor_bench_deliveries"')
        conn.execute('CREATE DATABASE "onedoor_bench_deliveries"')
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/onedoor_bench_deliveries"


def suite(args, base_env, harness) -> None:
    events = args.events or (300 if args.smoke else 10_000)
    outage = args.outage if args.outage is not None else (5.0 if args.smoke else 60.0)
    phase = 1.0 if args.smoke else 10.0
    env = {**base_env, "ONEDOOR_OUTBOX_LEASE_MARGIN_SECONDS": "5"}
    if args.smoke:  # the smoke run checks that nothing is lost, quickly: shorter backoff and circuit cooldown
        env.update(ONEDOOR_OUTBOX_BACKOFF_CAP_SECONDS="2", ONEDOOR_BREAKER_COOLDOWN_SECONDS="2")
    harness.VAR.mkdir(parents=True, exist_ok=True)
    _database(harness, args, env)
    port = _free_port()
    print(
        f"filling {env['DATABASE_URL']}: a small demo district, 100 cases, systems at 127.0.0.1:{port} …",
        flush=True,
    )
    harness.migrate(env)
    subprocess.run(
        [
            harness.BIN / "onedoor",
            "seed",
            "--communities",
            "3",
            "--persons",
            "300" if args.smoke else "2000",
            "--enterprises",
            "100",
            "--cases",
            "100",
            "--queue-days",
            "0",
            "--progress-every",
            "1000",
            "--simulated-systems",
            f"http://127.0.0.1:{port}",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    results = {}
    simulator = _simulator(harness, env, port)
    try:
        _helper(harness, env, "enqueue", events)
        workers = _workers(harness, env)
        waited = _helper(harness, env, "wait", 3600)
        results["throughput"] = events / waited["seconds"]
        plain = _helper(harness, env, "plain", phase)["rps"]
        since = _stats(port)["received"]
        rate = max(1, int(results["throughput"] / 2))
        _helper(harness, env, "enqueue", int(rate * phase), rate)
        _helper(harness, env, "wait", 600)
        latency = _stats(port, since)
        _stop(workers)
    finally:
        _stop([simulator])
    down = _simulator(harness, env, port, fault="down")
    workers = _workers(harness, env)
    try:
        started = time.monotonic()
        _helper(harness, env, "enqueue", events)
        time.sleep(max(0.0, outage - (time.monotonic() - started)))
    finally:
        _stop([down])
    up = _simulator(harness, env, port)
    try:
        recovered = _helper(harness, env, "wait", 3600)
    finally:
        _stop(workers + [up])
    print(
        f"\nOneDoor delivery benchmark — {args.db}; 23 simulated department systems in one process; 2 workers "
        f"(batch 20); {os.cpu_count()} CPUs; load average before {os.getloadavg()[0]:.1f}"
    )
    print(f"throughput: {events:,} queued events delivered at {results['throughput']:.0f} msg/s")
    print(f"plain POST loop (2 threads, same client code, no database): {plain:.0f} req/s")
    print(f"ratio outbox / plain = {results['throughput'] / plain:.2f}")
    print(
        f"latency commit → received at {rate} msg/s: p50 {latency['latency_p50_ms']} ms, "
        f"p99 {latency['latency_p99_ms']} ms"
    )
    state = "all delivered" if recovered["done"] else f"{recovered.get('left')} NOT delivered"
    print(
        f"recovery: {events:,} events queued during a {outage:g} s outage; after the systems came back: "
        f"{recovered['seconds']:.1f} s until the last was delivered ({state})"
    )
    if not recovered["done"]:
        sys.exit("messages were lost or stuck")
