"""A real HTTP back-end on loopback for the tests: it checks each push's signature, acts on a message once per
idempotency key (a repeat is answered 200 without acting again), and can be told to fail."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from onedoor.integrations.delivery import signature


class Backend:
    def __init__(self, secret: str):
        self.secret = secret
        self.acted: list[dict] = []  # messages acted on, in arrival order
        self.seen: list[str] = []  # every idempotency key received, repeats included
        self.bad_signatures = 0
        self.failures: list[int] = []  # statuses to answer next, one per request
        self.delay = 0.0  # seconds to think before answering (to catch a worker mid-delivery)
        self.lock = threading.Lock()
        backend = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                expected = signature(backend.secret, self.headers.get("X-OneDoor-Timestamp", ""), body)
                key = self.headers.get("Idempotency-Key", "")
                if self.headers.get("X-OneDoor-Signature") != expected:
                    backend.bad_signatures += 1
                    return self._answer(401)
                if backend.failures:
                    return self._answer(backend.failures.pop(0))
                time.sleep(backend.delay)
                with backend.lock:
                    backend.seen.append(key)
                    if key not in {m["id"] for m in backend.acted}:
                        backend.acted.append(json.loads(body))
                return self._answer(200)

            def _answer(self, status):
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/events"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
