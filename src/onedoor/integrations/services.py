"""Configuring connectors (the admin and imports call these): validated, audited, the secret sealed."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.core.audit import audit
from onedoor.core.errors import DomainError
from onedoor.integrations import secrets
from onedoor.integrations.models import Connector, ConnectorKind, Route


def _check_url(url: str, field: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DomainError("bad_url", _("Give a full http:// or https:// address."), field=field)
    return url


@transaction.atomic
def connector_configure(
    *,
    system=None,
    district=None,
    base_url: str,
    secret: str | None = None,
    kind: str = ConnectorKind.PUSH,
    jump_url: str = "",
    timeout_seconds: int = 10,
    max_concurrency: int | None = None,
    rate_per_minute: int | None = None,
    enabled: bool | None = None,
    actor=None,
) -> tuple[Connector, str | None]:
    """Create or change the connector of `system` — or, with kind `province` and a `district` instead, the
    district's provincial online hall. Without `secret` a new connector gets a generated one; the secret is
    returned once (to hand to the other side's operators) and only its encrypted form is kept."""
    if kind not in ConnectorKind.values:
        raise DomainError("bad_kind", _("Unknown connector kind."))
    if (kind == ConnectorKind.PROVINCE) != (system is None):
        raise DomainError(
            "bad_kind",
            _("The provincial online hall has no back-end system; every other connector needs one."),
        )
    district = system.district if system is not None else district
    if district is None:
        raise DomainError("no_district", _("Say which district's provincial online hall this is."))
    if not 1 <= timeout_seconds <= 120:
        raise DomainError("bad_timeout", _("The timeout must be between 1 and 120 seconds."))
    if system is not None:
        connector = Connector.objects.filter(system=system).first()
    else:
        connector = Connector.objects.filter(district=district, kind=ConnectorKind.PROVINCE).first()
    shown = None
    if connector is None:
        shown = secret or secrets.new_secret()
        connector = Connector(district_id=district.pk, system=system)
    elif secret:
        shown = secret
    connector.kind, connector.timeout_seconds = kind, timeout_seconds
    if max_concurrency is not None:
        if not 1 <= max_concurrency <= 64:
            raise DomainError("bad_concurrency", _("Messages in flight must be between 1 and 64."))
        connector.max_concurrency = max_concurrency
    if rate_per_minute is not None:
        if not 1 <= rate_per_minute <= 100_000:
            raise DomainError("bad_rate", _("Messages per minute must be between 1 and 100,000."))
        connector.rate_per_minute = rate_per_minute
    if enabled is not None:
        connector.enabled = enabled
    connector.base_url = _check_url(base_url, "base_url")
    connector.jump_url = _check_url(jump_url, "jump_url") if jump_url else ""
    if shown:
        if len(shown) < 16:
            raise DomainError("weak_secret", _("A shared secret needs at least 16 characters."))
        connector.secret_encrypted = secrets.seal(shown)
    connector.save()
    audit(
        district=district,
        actor=actor,
        action="connector.configured",
        obj=connector,
        data={
            "system": connector.code,
            "base_url": connector.base_url,
            "kind": kind,
            "secret_set": bool(shown),
        },
    )
    return connector, shown


@transaction.atomic
def route_set(*, connector: Connector, item=None, decides: list[str] | None = None, actor=None) -> Route:
    """Route an item's cases (or, with no item, every item of the system's department) to the connector."""
    if connector.system_id is None:
        raise DomainError("no_routes", _("The provincial online hall learns every case; it takes no routes."))
    if item is not None and item.department_id != connector.system.department_id:
        raise DomainError("item_of_another_department", _("This item belongs to another department."))
    route, _created = Route.objects.update_or_create(
        connector=connector,
        item=item,
        defaults={"district_id": connector.district_id, "decides": list(decides or [])},
    )
    audit(
        district=connector.district,
        actor=actor,
        action="connector.routed",
        obj=route,
        data={"item": item.code if item else None, "decides": route.decides},
    )
    return route
