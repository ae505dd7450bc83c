"""Domain errors carry a stable code and a localized message (zh-Hans first, English too)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule was broken by the caller's input. `message` is a lazy translation string."""

    status = 400

    def __init__(self, code: str, message: Any, **details: Any) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.details = details


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409
