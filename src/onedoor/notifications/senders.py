"""The one sender interface for SMS and WeChat messages. A district plugs in its gateway by naming a class in
`ONEDOOR_NOTIFICATION_SENDER` with a `name` and a `send(notification)` that raises on failure.

The default, `OutboxPage`, delivers to the staff page "Notifications" (`/desk/notifications/`) instead of a
phone: what the demo and tests use, and what a district runs before its SMS gateway contract is signed."""

from __future__ import annotations

from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class Sender(Protocol):
    name: str

    def send(self, notification) -> None: ...


class OutboxPage:
    """Marks the message delivered to the outbox page: it is read there, by staff, in full."""

    name = "outbox-page"

    def send(self, notification) -> None:
        if not notification.body:
            raise ValueError("empty message")


@cache
def sender() -> Sender:
    return import_string(settings.ONEDOOR_NOTIFICATION_SENDER)()
