"""The per-process API-token cache (districts/token_cache.py) on PostgreSQL, with committed changes: a token used
again is not read again, and any committed change to tokens, staff, roles or districts, by whoever, is seen by
the next call once the notification has arrived. Changes are made on a second connection, as another process
(the admin, a revoking worker, a raw UPDATE) would."""

import select

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from onedoor.districts import auth, token_cache
from onedoor.districts.models import ApiToken

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the cache listens for PostgreSQL's NOTIFY"),
    pytest.mark.django_db(transaction=True),
]
URL = "/api/v1/org/district"


def _elsewhere(sql: str, params=()) -> None:
    """Run and commit `sql` on a connection of its own, as another process would."""
    with token_cache.own_connection() as other:
        other.execute(sql, params)


def _notified() -> None:
    """Wait until the listening connection has something to read: the notification of a committed change."""
    fileno = token_cache.listener_fileno()
    assert fileno is not None, "the cache is not listening"
    assert select.select([fileno], [], [], 10)[0], "no notification arrived within 10 s"


@pytest.fixture
def headers(client, alice, bearer):
    """Alice's token, already used once (so remembered, with its last-used time set)."""
    headers = bearer(alice)
    assert client.get(URL, **headers).status_code == 200
    return headers


def _token_reads(queries) -> int:
    return sum("districts_apitoken" in q["sql"] for q in queries.captured_queries)


def test_a_token_used_again_is_not_read_again(client, alice, headers):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, **headers).json()["code"] == "440604"
    assert _token_reads(queries) == 0


def test_a_token_revoked_elsewhere_stops_working_once_notified(client, alice, headers):
    _elsewhere("UPDATE districts_apitoken SET revoked_at = now() WHERE staff_id = %s", [alice.pk])
    _notified()
    assert client.get(URL, **headers).status_code == 401


def test_a_deactivated_staff_member_or_a_withdrawn_role_is_seen_once_notified(client, alice, headers):
    _elsewhere("DELETE FROM districts_roleassignment WHERE staff_id = %s", [alice.pk])
    _notified()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, **headers).status_code == 200
    assert _token_reads(queries) == 1  # read again: the role set changed
    _elsewhere("UPDATE districts_staff SET is_active = false WHERE id = %s", [alice.pk])
    _notified()
    assert client.get(URL, **headers).status_code == 401


def test_using_a_token_does_not_empty_every_cache(client, alice, headers):
    _elsewhere("UPDATE districts_apitoken SET last_used_at = now() WHERE staff_id = %s", [alice.pk])
    fileno = token_cache.listener_fileno()
    assert not select.select([fileno], [], [], 0.3)[0]  # no notification: the last-used time is not the token


def test_inside_a_transaction_the_database_is_read_so_ones_own_change_counts(client, alice, headers):
    with transaction.atomic():
        ApiToken.objects.filter(staff=alice).update(revoked_at="2026-01-01T00:00:00Z")
        assert client.get(URL, **headers).status_code == 401
        transaction.set_rollback(True)
    assert client.get(URL, **headers).status_code == 200


def test_a_lost_listening_connection_falls_back_to_reading_the_database(client, alice, headers):
    fileno = token_cache.listener_fileno()
    _elsewhere(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = %s", ["LISTEN onedoor_auth"]
    )
    assert select.select([fileno], [], [], 10)[0]
    ApiToken.objects.filter(staff=alice).update(revoked_at="2026-01-01T00:00:00Z")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, **headers).status_code == 401
    assert _token_reads(queries) == 1
    assert token_cache.listener_fileno() is None  # and it tries to listen again after RETRY_SECONDS


def test_a_late_refresh_never_replaces_a_row_fetched_after_a_change(client, alice, headers):
    digest = auth._digest(headers["HTTP_AUTHORIZATION"].split()[1])
    remembered = token_cache._state.entries[digest][1]
    token_cache.refresh(digest, ("an older row",), ("its refresh",))  # a request that read before a change
    assert token_cache._state.entries[digest][1] is remembered
