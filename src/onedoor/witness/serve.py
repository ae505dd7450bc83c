"""Serving a witness with gunicorn.

Why gunicorn and not wsgiref: it is already the project's production server (requirements.lock), it answers
several submissions at once with worker processes (the SQLite state's `BEGIN IMMEDIATE` keeps them correct),
kills a stuck request after a timeout, bounds request lines and headers, and stops gracefully on SIGTERM.
wsgiref serves one request at a time with none of that. Embedded through gunicorn's `BaseApplication`, so the
witness is one command and no configuration file."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, app, options: dict):
        self.application, self.options = app, options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def serve(app, *, bind: str, workers: int = 2, timeout: int = 30) -> None:
    """Run `app` on `bind` (host:port) until SIGTERM or SIGINT."""
    _Server(
        app,
        {
            "bind": bind,
            "workers": workers,
            "worker_class": "sync",
            "timeout": timeout,
            "graceful_timeout": 5,
            "proc_name": "onedoor-witness",
            # gunicorn's control socket is one per user by default: several witnesses would take each other's.
            "control_socket_disable": True,
        },
    ).run()
