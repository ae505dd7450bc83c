"""Witnesses for tests: in a thread of the test process (wsgiref, threaded, on a free port) or as the real
`onedoor witness serve` process. Shared by the witness's own tests and the ledger's end-to-end ones."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import requests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadWitness:
    """A witness application served in a thread; `stop()` takes it down (a witness that is down)."""

    def __init__(self, app):
        self.app = app
        self.server = make_server(
            "127.0.0.1", free_port(), app, server_class=_ThreadingServer, handler_class=_Quiet
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def onedoor(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "onedoor", "witness", *args],
        capture_output=True,
        text=True,
        check=True,
        **kwargs,
    )


class ProcessWitness:
    """`onedoor witness serve` as its own process, answering on a free port."""

    def __init__(self, *, name: str, home, logs: list[str], port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.key_file, self.state = str(home / f"{name}.pem"), str(home / f"{name}.sqlite3")
        self.key = onedoor("key", "--name", name, "--key-file", self.key_file).stdout.strip()
        logs_args = [arg for key in logs for arg in ("--log", key)]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "onedoor", "witness", "serve", "--name", name, "--key-file", self.key_file]
            + ["--state", self.state, *logs_args, "--bind", f"127.0.0.1:{self.port}", "--workers", "1"],
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(300):
            try:
                requests.get(f"{self.url}/add-checkpoint", timeout=1)
                return
            except requests.ConnectionError as exc:
                if self.process.poll() is not None:
                    raise RuntimeError("the witness process stopped") from exc
                time.sleep(0.05)
        raise RuntimeError("the witness did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(15)
