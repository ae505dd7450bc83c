"""Staff authentication: Argon2 password hashing (settings), lockout after repeated failures, and
personal access tokens for the API (stored as SHA-256 digests)."""

from __future__ import annotations

import copy
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from ninja.security import HttpBearer

from onedoor.core import rawrows
from onedoor.core.audit import audit
from onedoor.districts import token_cache
from onedoor.districts.models import ApiToken, District, Staff

TOKEN_PREFIX = "od_"


class LockoutBackend(ModelBackend):
    """ModelBackend that refuses a locked account and counts failures. A locked account stays locked for
    ONEDOOR_LOCKOUT_MINUTES even when the right password is given, so guessing gains nothing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        staff = Staff.objects.filter(username=username).first()
        if staff is None:
            Staff().set_password(password)  # same work as a real check: no timing oracle for usernames
            return None
        now = timezone.now()
        if staff.locked_until and staff.locked_until > now:
            if request is not None:
                request.onedoor_locked = True
            return None
        if staff.check_password(password) and self.user_can_authenticate(staff):
            if staff.failed_logins or staff.locked_until:
                Staff.objects.filter(pk=staff.pk).update(failed_logins=0, locked_until=None)
            return staff
        self._record_failure(staff, now)
        return None

    @staticmethod
    def _record_failure(staff: Staff, now) -> None:
        with transaction.atomic():
            Staff.objects.filter(pk=staff.pk).update(failed_logins=F("failed_logins") + 1)
            staff.refresh_from_db(fields=["failed_logins"])
            if staff.failed_logins >= settings.ONEDOOR_LOCKOUT_FAILURES:
                until = now + timedelta(minutes=settings.ONEDOOR_LOCKOUT_MINUTES)
                Staff.objects.filter(pk=staff.pk).update(locked_until=until, failed_logins=0)
                if staff.district_id:
                    audit(
                        district=staff.district,
                        actor=None,
                        action="staff.locked",
                        obj=staff,
                        reason=f"{settings.ONEDOOR_LOCKOUT_FAILURES} failed logins",
                        data={"until": until.isoformat()},
                    )


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, staff: Staff, name: str = "", actor: Staff | None = None, expires_at=None
) -> tuple[ApiToken, str]:
    """Create a personal access token; the secret is returned once and never stored."""
    if staff.district_id is None:
        raise ValueError("platform accounts without a district cannot hold API tokens")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        district_id=staff.district_id,
        staff=staff,
        name=name,
        prefix=secret[:10],
        digest=_digest(secret),
        expires_at=expires_at,
    )
    data = {"name": name, "expires_at": expires_at.isoformat() if expires_at else None}
    audit(district=staff.district, actor=actor or staff, action="token.created", obj=token, data=data)
    return token, secret


@transaction.atomic
def tokens_revoke(*, tokens, actor: Staff | None) -> int:
    """Revoke the tokens not yet revoked, one audit record each; returns how many were revoked."""
    active = list(
        ApiToken.objects.select_for_update()
        .filter(pk__in=[t.pk for t in tokens], revoked_at__isnull=True)
        .select_related("district")
    )
    now = timezone.now()
    ApiToken.objects.filter(pk__in=[t.pk for t in active]).update(revoked_at=now)
    for token in active:
        audit(district=token.district, actor=actor, action="token.revoked", obj=token)
    return len(active)


def _token_sql(vendor: str) -> str:
    """One statement for the token, its staff member, their district and their roles ("role:department,…").
    Every API call runs it, so it is plain SQL: building the equivalent ORM query cost more than running it."""
    aggregate = "STRING_AGG" if vendor == "postgresql" else "GROUP_CONCAT"
    staff, district = rawrows.columns(Staff, "s"), rawrows.columns(District, "d")
    # The columns come from the models; the digest is a parameter.
    return (
        f"SELECT t.id, t.expires_at, t.last_used_at, {staff}, {district}, "  # noqa: S608
        f"(SELECT {aggregate}(r.role || ':' || COALESCE(CAST(r.department_id AS TEXT), ''), ',') "
        f"FROM districts_roleassignment r WHERE r.staff_id = s.id) "
        "FROM districts_apitoken t JOIN districts_staff s ON s.id = t.staff_id "
        "LEFT JOIN districts_district d ON d.id = s.district_id "
        "WHERE t.digest = %s AND t.revoked_at IS NULL"
    )


_TOKEN_SQL: dict[str, str] = {}


def _role_pairs(text: str | None) -> frozenset[tuple[str, int | None]]:
    pairs = set()
    for part in (text or "").split(","):
        if part:
            role, _sep, department = part.partition(":")
            pairs.add((role, int(department) if department else None))
    return frozenset(pairs)


def _token_read(digest: str) -> tuple | None:
    """(token id, expires at, last used at, staff with district and roles) for an unrevoked token, or None."""
    sql = _TOKEN_SQL.get(connection.vendor) or _TOKEN_SQL.setdefault(
        connection.vendor, _token_sql(connection.vendor)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [digest])
        row = cursor.fetchone()
    if row is None:
        return None
    staff, at = rawrows.instance(Staff, row, 3)
    if staff.district_id is not None:
        staff.district, at = rawrows.instance(District, row, at)
    staff._role_cache = _role_pairs(row[-1])
    expires_at = rawrows.convert(ApiToken, "expires_at", row[1])
    return row[0], expires_at, rawrows.convert(ApiToken, "last_used_at", row[2]), staff


def _own_copy(staff: Staff) -> Staff:
    """The request's own staff object: what one request sets on it must not reach another's."""
    mine = copy.copy(staff)
    if staff.district_id is not None:
        mine.district = copy.copy(staff.district)
    return mine


def token_authenticate(secret: str) -> Staff | None:
    digest = _digest(secret)
    found = token_cache.lookup(digest, lambda: _token_read(digest))
    if found is None:
        return None
    token_id, expires_at, last_used_at, staff = found
    now = timezone.now()
    if not staff.is_active or (expires_at and expires_at <= now):
        return None
    if last_used_at is None or now - last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
        token_cache.refresh(digest, found, (token_id, expires_at, now, staff))
    return _own_copy(staff)


class BearerToken(HttpBearer):
    """`Authorization: Bearer od_…` — resolves to the staff member; request.user is set to them."""

    def authenticate(self, request, token):
        staff = token_authenticate(token)
        if staff is not None:
            request.user = staff
        return staff
