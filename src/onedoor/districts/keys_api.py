"""Public signing keys: anyone verifying a district's electronic certificate fetches the keys here (no login)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpResponse
from ninja import Router, Schema

from onedoor.core import signing as crypto
from onedoor.core.api_schemas import Text, errors
from onedoor.districts import selectors
from onedoor.districts import signing as district_signing

router = Router(tags=["keys"], auth=None)

CANONICALIZATION = (
    "Ed25519 over the UTF-8 bytes of the payload as JSON with keys sorted, no whitespace and non-ASCII "
    "characters unescaped; signatures are unpadded base64url."
)


class PublicKeyOut(Schema):
    key_id: str
    algorithm: str
    public_key: str
    created_at: datetime
    retired_at: datetime | None


class DistrictKeysOut(Schema):
    district: str
    canonicalization: str
    keys: list[PublicKeyOut]


@router.get("/{district_code}", response={200: DistrictKeysOut, **errors(404, 422)})
def district_keys(request, district_code: Text, response: HttpResponse):
    """The district's Ed25519 public keys, active and retired (a retired key still verifies what it signed).
    `public_key` is base64 of the raw 32 bytes; `key_id` is the first 8 bytes of its SHA-256 in hex."""
    district = selectors.district_by_code(district_code)
    response["Cache-Control"] = "public, max-age=300"
    keys = [
        {
            "key_id": key.key_id,
            "algorithm": crypto.ALGORITHM,
            "public_key": key.public_key,
            "created_at": key.created_at,
            "retired_at": key.retired_at,
        }
        for key in district_signing.public_keys(district)
    ]
    return {"district": district.code, "canonicalization": CANONICALIZATION, "keys": keys}
