"""Per-client rate limits for anonymous lookups (the public progress query, page and API alike).

A client is its address as the server sees it (`REMOTE_ADDR`); behind N reverse proxies that each append to
`X-Forwarded-For` (`ONEDOOR_NUM_PROXIES`, 0 by default), the address the outermost trusted proxy saw: the Nth
from the right. Addresses further left were written by the client and are never trusted, so a client cannot
escape its limit by inventing a header."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.ONEDOOR_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [a.strip() for a in forwarded.split(",")]
    return addresses[-min(proxies, len(addresses))] or remote


def allow(request, scope: str, per_minute: int) -> bool:
    """False once this client made `per_minute` calls in `scope` in the last 60 seconds (a sliding window of
    timestamps in Django's cache: a clock-minute counter would reset mid-burst)."""
    key = f"{scope}:{client_address(request)}"
    now = time.time()
    history = [t for t in cache.get(key, []) if t > now - 60]
    if len(history) >= per_minute:
        return False
    cache.set(key, [*history, now], timeout=60)
    return True


def progress_lookup_allowed(request) -> bool:
    """The public progress query's limit: ONEDOOR_PROGRESS_LOOKUPS_PER_MINUTE per client, page and API together."""
    return allow(request, "progress-lookups", settings.ONEDOOR_PROGRESS_LOOKUPS_PER_MINUTE)
