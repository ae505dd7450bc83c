"""Jump links (跳转): from a case page the officer opens the case in the department's own system without
changing it. The link carries the case number, the officer, an expiry 2 minutes ahead and a nonce, signed with
the connector's shared secret: `sig = sha256=<hex HMAC-SHA256(secret, timestamp + "." + "case|officer|exp|nonce")>`
with `ts` the creation time. The back-end checks the signature and expiry, then redeems the nonce at
`POST /api/v1/integrations/{system}/jumps/{nonce}/redeem` (signed like a callback): the first redemption
succeeds, any later one — or one after expiry — is refused, so a link works once."""

from __future__ import annotations

import secrets as random
import time
from datetime import timedelta
from urllib.parse import urlencode

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, NotFound
from onedoor.integrations import secrets
from onedoor.integrations.callbacks import check_signed, connector_for
from onedoor.integrations.delivery import signature
from onedoor.integrations.models import Connector, JumpLink

LIFETIME = timedelta(minutes=2)


def jump_targets(case) -> list[Connector]:
    """The connectors of the case's department that have a jump-link URL."""
    return list(
        Connector.objects.filter(
            district_id=case.district_id, system__department_id=case.department_id, enabled=True
        )
        .exclude(jump_url="")
        .select_related("system")
        .order_by("system__code")
    )


def jump_payload(case_number: str, officer: str, expires: int, nonce: str) -> bytes:
    return f"{case_number}|{officer}|{expires}|{nonce}".encode()


@transaction.atomic
def jump_link_create(*, staff, case, system_code: str) -> str:
    """The URL to send the officer to (the caller has already checked that they may see the case)."""
    connector = next((c for c in jump_targets(case) if c.system.code == system_code), None)
    if connector is None:
        raise NotFound("no_jump_link", _("This department's system takes no jump links."))
    now = clock.now()
    link = JumpLink.objects.create(
        district_id=case.district_id,
        connector=connector,
        case=case,
        staff=staff,
        nonce=random.token_urlsafe(24),
        created_at=now,
        expires_at=now + LIFETIME,
    )
    expires, ts = int(link.expires_at.timestamp()), str(int(time.time()))
    sig = signature(
        secrets.unseal(connector.secret_encrypted),
        ts,
        jump_payload(case.number, staff.username, expires, link.nonce),
    )
    audit(district=case.district, actor=staff, action="case.jump", obj=case, data={"system": system_code})
    query = {
        "case": case.number,
        "officer": staff.username,
        "exp": expires,
        "nonce": link.nonce,
        "ts": ts,
        "sig": sig,
    }
    separator = "&" if "?" in connector.jump_url else "?"
    return connector.jump_url + separator + urlencode(query)


def jump_redeem(
    *, system: str, district: str | None, nonce: str, timestamp: str, sig: str, body: bytes
) -> JumpLink:
    connector = connector_for(system, district)
    check_signed(connector, body, timestamp, sig)
    with transaction.atomic():
        link = (
            JumpLink.objects.select_for_update()
            .select_related("case", "staff")
            .filter(connector=connector, nonce=nonce)
            .first()
        )
        if link is None:
            raise NotFound("unknown_jump", _("No such jump link."))
        if link.redeemed_at is not None:
            raise Conflict("jump_used", _("This jump link was already used."))
        if link.expires_at <= clock.now():
            raise Conflict("jump_expired", _("This jump link has expired."))
        link.redeemed_at = clock.now()
        link.save(update_fields=["redeemed_at"])
    return link
