"""The relying party: the authorization-code flow with PKCE (S256) against the configured provincial identity
provider (authlib's Django client; discovery, JWKS and ID-token checks — issuer, audience, expiry, nonce — are
the library's). Settings: ONEDOOR_OIDC_ISSUER, ONEDOOR_OIDC_CLIENT_ID, ONEDOOR_OIDC_CLIENT_SECRET."""

from __future__ import annotations

from authlib.integrations.django_client import OAuth
from django.conf import settings

_clients: dict[tuple, object] = {}


def configured() -> bool:
    return bool(settings.ONEDOOR_OIDC_ISSUER and settings.ONEDOOR_OIDC_CLIENT_ID)


def client():
    """The provider's client, made once per configuration."""
    key = (settings.ONEDOOR_OIDC_ISSUER, settings.ONEDOOR_OIDC_CLIENT_ID, settings.ONEDOOR_OIDC_CLIENT_SECRET)
    if key not in _clients:
        oauth = OAuth()
        _clients[key] = oauth.register(
            name="province",
            server_metadata_url=settings.ONEDOOR_OIDC_ISSUER.rstrip("/")
            + "/.well-known/openid-configuration",
            client_id=settings.ONEDOOR_OIDC_CLIENT_ID,
            client_secret=settings.ONEDOOR_OIDC_CLIENT_SECRET,
            client_kwargs={"scope": "openid profile", "code_challenge_method": "S256"},
        )
    return _clients[key]


def level_of(claims: dict) -> int:
    """`acr` L2 … L5 → 2 … 5; anything else counts as self-declared (2)."""
    acr = str(claims.get("acr") or "")
    return int(acr[1]) if len(acr) == 2 and acr[0] == "L" and acr[1] in "2345" else 2


def enterprises_of(claims: dict) -> list[dict]:
    """`enterprises` [{"uscc", "role"}] → the well-formed ones (a valid credit code, a known role)."""
    from onedoor.people import idnumbers  # noqa: PLC0415

    found = []
    for entry in claims.get("enterprises") or []:
        if not isinstance(entry, dict):
            continue
        result = idnumbers.identify(str(entry.get("uscc", "")))
        role = entry.get("role") if entry.get("role") in ("legal_rep", "agent") else None
        if result.valid and result.kind == "uscc" and role:
            found.append({"uscc": result.number, "role": role})
    return found
