"""Simulated department systems for the demo and the fault tests (`onedoor simulate-backends`).

One small web server on 127.0.0.1 plays every back-end system that has a push connector: it takes pushes at
`/systems/<code>/events`, checks their signature, acts once per idempotency key, and — after a delay — decides
the stages its route gives it by signed callbacks to OneDoor (`/api/v1/integrations/<code>/callbacks`), with
every criterion found as the window found it. It reads the connectors (URL paths and sealed secrets) from the
database it is pointed at: in a real district each department's operators hold their own secret.

Fault modes (`--fault`): `slow` (answers pushes after `--slow-seconds`), `flaky` (a share `--flaky-share` of
pushes answered 500), `down` (every push answered 503), `duplicate` (each callback sent twice),
`out-of-order` (a case's callbacks sent in reverse order).

It also plays each district's provincial online hall (省网上办事大厅) whose connector points at
`/province/<district>/cases`: status changes are POSTed there (kept per case and sequence, once per idempotency
key), and a signed `GET …?date=YYYY-MM-DD` lists what it holds for a day (`integrations/reconcile.py`).
`--province-lose SHARE` makes it answer 200 yet forget that share of changes, as a hall with a bug would —
which `onedoor integrations reconcile` then finds."""

from __future__ import annotations

import hmac
import http.client
import json
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from onedoor.integrations import secrets
from onedoor.integrations.delivery import signature
from onedoor.integrations.models import Connector, ConnectorKind

logger = logging.getLogger("onedoor.simulator")
HALL_ZONE = ZoneInfo("Asia/Shanghai")  # the province's own clock
FAULTS = ("none", "slow", "flaky", "down", "duplicate", "out-of-order")
# Stages a department's own system decides in its own process; delivery (送达) stays at the window.
DECIDABLE = ("undertake", "review", "approve", "complete", "other")


@dataclass
class SystemState:
    code: str
    district: str
    secret: str
    acted: set = field(default_factory=set)  # idempotency keys acted on
    sequences: dict = field(default_factory=dict)  # case number → last callback sequence sent
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class HallState:
    """One district's provincial online hall: per case number, {seq: (local date, status)}; with `store`, kept
    across restarts in a JSON-lines file (one line per change received)."""

    district: str
    secret: str
    store: Path | None = None
    seen: set = field(default_factory=set)
    cases: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        if self.store and self.store.exists():
            for line in self.store.read_text(encoding="utf-8").splitlines():
                change = json.loads(line)
                self.seen.add(change["key"])
                self._put(change)

    def _put(self, change: dict) -> None:
        self.cases.setdefault(change["number"], {})[change["seq"]] = (change["day"], change["status"])

    def keep(self, key: str, event: dict) -> None:
        details = event["details"]
        change = {
            "key": key,
            "number": event["case"]["number"],
            "seq": int(details["seq"]),
            "day": datetime.fromisoformat(details["at"]).astimezone(HALL_ZONE).date().isoformat(),
            "status": details["to_status"],
        }
        with self.lock:
            self._put(change)
            if self.store:
                with self.store.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(change, ensure_ascii=False) + "\n")

    def day(self, day: str) -> list[dict]:
        listed = []
        with self.lock:
            for number, changes in sorted(self.cases.items()):
                seqs = sorted(seq for seq, (d, _status) in changes.items() if d == day)
                if seqs:
                    listed.append({"number": number, "seqs": seqs, "status": changes[seqs[-1]][1]})
        return listed


@dataclass
class Settings:
    onedoor: str = "http://127.0.0.1:8000"
    delay: float = 2.0
    fault: str = "none"
    slow_seconds: float = 5.0
    flaky_share: float = 0.2
    province_lose: float = 0.0


def load_systems() -> dict[str, SystemState]:
    """Every enabled push connector whose endpoint is this simulator's kind of URL (`/systems/<code>/events`)."""
    systems = {}
    for connector in Connector.objects.filter(kind=ConnectorKind.PUSH, enabled=True).select_related(
        "system", "district"
    ):
        code = connector.system.code
        if urlsplit(connector.base_url).path.rstrip("/") == f"/systems/{code}/events":
            systems[code] = SystemState(
                code, connector.district.code, secrets.unseal(connector.secret_encrypted)
            )
    return systems


def load_halls(store_dir: Path | None = None) -> dict[str, HallState]:
    """Every enabled provincial-hall connector whose endpoint is `/province/<district>/cases`; with
    `store_dir`, each hall keeps what it received in `<store_dir>/province-<district>.jsonl`."""
    halls = {}
    for connector in Connector.objects.filter(kind=ConnectorKind.PROVINCE, enabled=True).select_related(
        "district"
    ):
        code = connector.district.code
        if urlsplit(connector.base_url).path.rstrip("/") == f"/province/{code}/cases":
            store = store_dir / f"province-{code}.jsonl" if store_dir else None
            halls[code] = HallState(code, secrets.unseal(connector.secret_encrypted), store)
    return halls


def decisions(event: dict) -> list[dict]:
    """The callbacks a system sends for an accepted case: each remaining stage it decides, in process order."""
    if event.get("event") != "accepted":
        return []
    case, decides = event["case"], set(event.get("decides") or [])
    stages = [s for s in case.get("stages", []) if s != "accept"]
    if case.get("status") not in stages:
        return []
    remaining = stages[stages.index(case["status"]) :]
    criteria = event.get("details", {}).get("criteria", {})
    steps = []
    for stage in remaining:
        if stage not in decides or stage not in DECIDABLE:
            break
        steps.append({"action": stage, "opinion": f"{stage}：部门系统审查通过", "criteria": criteria})
    return steps


class Simulator:
    def __init__(
        self, settings: Settings, systems: dict[str, SystemState], halls: dict[str, HallState] | None = None
    ):
        self.settings, self.systems, self.halls = settings, systems, halls or {}
        self.stats = {"pushes": 0, "acted": 0, "callbacks": 0, "callback_errors": 0}
        self.latencies: list[
            float
        ] = []  # seconds from a message's creation (its commit) to its first receipt
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                if self.path.startswith("/province/"):
                    simulator.hall_receive(self)
                else:
                    simulator.handle_push(self)

            def do_GET(self):
                if self.path.startswith("/province/"):
                    return simulator.hall_list(self)
                since = int((self.path.split("since=", 1) + ["0"])[1].split("&")[0] or 0)
                body = json.dumps(
                    {"systems": sorted(simulator.systems), **simulator.stats, **simulator.latency(since)}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.handler = Handler

    def handle_push(self, request) -> None:
        body = request.rfile.read(int(request.headers.get("Content-Length", 0)))
        parts = request.path.strip("/").split("/")
        system = self.systems.get(parts[1]) if len(parts) == 3 and parts[0] == "systems" else None
        self.stats["pushes"] += 1
        if system is None:
            return _answer(request, 404)
        expected = signature(system.secret, request.headers.get("X-OneDoor-Timestamp", ""), body)
        if not hmac.compare_digest(expected, request.headers.get("X-OneDoor-Signature", "")):
            return _answer(request, 401)
        fault = self.settings.fault
        if fault == "down":
            return _answer(request, 503)
        if fault == "flaky" and random.random() < self.settings.flaky_share:
            return _answer(request, 500)
        if fault == "slow":
            time.sleep(self.settings.slow_seconds)
        key = request.headers.get("Idempotency-Key", "")
        with system.lock:
            first_time = key not in system.acted
            system.acted.add(key)
        if first_time:
            self.stats["acted"] += 1
            event = json.loads(body)
            created = event.get("created_at")
            if created:
                self.latencies.append(time.time() - datetime.fromisoformat(created).timestamp())
            steps = decisions(event)
            if steps:
                timer = threading.Timer(
                    self.settings.delay, self.call_back, args=(system, json.loads(body), steps)
                )
                timer.daemon = True
                timer.start()
        _answer(request, 200)

    def _hall(self, request) -> HallState | None:
        parts = urlsplit(request.path).path.strip("/").split("/")
        return self.halls.get(parts[1]) if len(parts) == 3 and parts[2] == "cases" else None

    def hall_receive(self, request) -> None:
        body = request.rfile.read(int(request.headers.get("Content-Length", 0)))
        hall = self._hall(request)
        if hall is None:
            return _answer(request, 404)
        expected = signature(hall.secret, request.headers.get("X-OneDoor-Timestamp", ""), body)
        if not hmac.compare_digest(expected, request.headers.get("X-OneDoor-Signature", "")):
            return _answer(request, 401)
        try:
            event = json.loads(body)
            if event.get("event") != "status_changed" or "seq" not in event.get("details", {}):
                raise ValueError("not a status change")
        except (ValueError, AttributeError):
            return _answer(request, 400, {"error": "a hall takes status_changed events only"})
        key = request.headers.get("Idempotency-Key", "")
        with hall.lock:
            first_time = key not in hall.seen
            hall.seen.add(key)
        if first_time and random.random() >= self.settings.province_lose:
            hall.keep(key, event)
        elif first_time:
            with hall.lock:
                hall.seen.discard(key)  # forgotten altogether, as if it never came
        _answer(request, 200)

    def hall_list(self, request) -> None:
        hall = self._hall(request)
        if hall is None:
            return _answer(request, 404)
        timestamp = request.headers.get("X-OneDoor-Timestamp", "")
        expected = signature(hall.secret, timestamp, f"GET {request.path}".encode())
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= 300
        if not fresh or not hmac.compare_digest(expected, request.headers.get("X-OneDoor-Signature", "")):
            return _answer(request, 401)
        day = parse_qs(urlsplit(request.path).query).get("date", [""])[0]
        _answer(request, 200, {"date": day, "cases": hall.day(day)})

    def latency(self, since: int = 0) -> dict:
        """p50/p99 (ms) of commit → first receipt over the messages received after the first `since`."""
        values = sorted(self.latencies[since:])
        if not values:
            return {"received": len(self.latencies), "latency_p50_ms": None, "latency_p99_ms": None}
        pick = lambda q: round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1)  # noqa: E731
        return {"received": len(self.latencies), "latency_p50_ms": pick(0.5), "latency_p99_ms": pick(0.99)}

    def call_back(self, system: SystemState, event: dict, steps: list[dict]) -> None:
        number = event["case"]["number"]
        with system.lock:
            start = system.sequences.get(number, 0)
            system.sequences[number] = start + len(steps)
        callbacks = [
            {"id": f"{system.code}-{number}-{start + n}", "case": number, "sequence": start + n, **step}
            for n, step in enumerate(steps, start=1)
        ]
        if self.settings.fault == "out-of-order":
            callbacks.reverse()
        for callback in callbacks:
            for _copy in range(2 if self.settings.fault == "duplicate" else 1):
                self.send_callback(system, callback)

    def send_callback(self, system: SystemState, callback: dict, attempts: int = 6) -> int | None:
        """Send one callback; like a real back-end, retry a 5xx or a refused connection with backoff."""
        status = None
        for attempt in range(attempts):
            status = self._post_callback(system, callback)
            if status is not None and status < 500:
                return status
            time.sleep(0.2 * 2**attempt)
        return status

    def _post_callback(self, system: SystemState, callback: dict) -> int | None:
        body = json.dumps(callback, ensure_ascii=False).encode()
        ts = str(int(time.time()))
        url = urlsplit(self.settings.onedoor)
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
        try:
            conn.request(
                "POST",
                f"/api/v1/integrations/{system.code}/callbacks",
                body=body,
                headers={
                    "Content-Type": "application/json",
                    "X-OneDoor-Timestamp": ts,
                    "X-OneDoor-Signature": signature(system.secret, ts, body),
                    "X-OneDoor-District": system.district,
                },
            )
            response = conn.getresponse()
            response.read()
        except OSError as exc:
            self.stats["callback_errors"] += 1
            logger.warning("callback %s failed: %s", callback["id"], exc)
            return None
        finally:
            conn.close()
        self.stats["callbacks"] += 1
        if response.status >= 300:
            self.stats["callback_errors"] += 1
            logger.warning("callback %s answered %s", callback["id"], response.status)
        return response.status

    def serve(self, host: str, port: int) -> ThreadingHTTPServer:
        server = ThreadingHTTPServer((host, port), self.handler)
        server.daemon_threads = True
        return server


def _answer(request, status: int, data: dict | None = None) -> None:
    body = json.dumps(data or {}, ensure_ascii=False).encode()
    request.send_response(status)
    request.send_header("Content-Type", "application/json")
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)
