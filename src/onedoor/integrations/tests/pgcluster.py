"""A PostgreSQL server of the test's own (initdb in a temporary directory, a free port on 127.0.0.1), for the
tests that restart the database: restarting the machine's shared server would pull it from under the other
tests running in parallel. Built from the same PostgreSQL binaries as the shared server."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile


def binaries() -> str | None:
    """The directory of `initdb`/`pg_ctl` (Debian keeps them out of PATH), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, bindir: str):
        self.bindir = bindir
        self.port = _free_port()
        self.dir = tempfile.mkdtemp(prefix="onedoor-pg-")
        self.as_root = os.geteuid() == 0  # PostgreSQL refuses to run as root: run it as `postgres`
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = os.path.join(self.dir, "data")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/onedoor"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [os.path.join(self.bindir, args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C")
        self._pg_ctl("start")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "onedoor")

    def _pg_ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._run(
            "pg_ctl",
            action,
            "-D",
            self.data,
            "-w",
            "-t",
            "60",
            "-l",
            f"{self.dir}/log",
            "-o",
            options,
            *extra,
        )

    def restart(self, mode: str = "fast") -> None:
        """`fast`: clients are disconnected and the server shuts down cleanly; `immediate`: it stops at once,
        as in a crash, and recovers from its write-ahead log on start."""
        self._pg_ctl("restart", "-m", mode)

    def copy_from(self, source: dict) -> None:
        """Load a dump of the `source` database (Django settings dict) — schema and rows."""
        dump = subprocess.run(
            [
                os.path.join(self.bindir, "pg_dump"),
                "--no-owner",
                "--no-privileges",
                "-h",
                source["HOST"] or "127.0.0.1",
                "-p",
                str(source["PORT"] or 5432),
                "-U",
                source["USER"] or "postgres",
                source["NAME"],
            ],
            check=True,
            capture_output=True,
            timeout=120,
        ).stdout
        subprocess.run(
            [
                os.path.join(self.bindir, "psql"),
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "onedoor",
            ],
            input=dump,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
