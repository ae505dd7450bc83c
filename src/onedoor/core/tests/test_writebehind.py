"""Write-behind (`core.writebehind`): deferred rows are written before anything could miss them, roll back
with their savepoint, and fail inside the transaction that wrote them."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onedoor.cases.models import IdempotencyKey
from onedoor.core import writebehind
from onedoor.core.audit import audit_record
from onedoor.core.models import AuditRecord
from onedoor.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _record(district, action):
    return audit_record(district=district, actor=None, action=action, object_type="test", object_id=1)


def _actions():
    return sorted(AuditRecord.objects.filter(object_type="test").values_list("action", flat=True))


def test_a_read_of_the_table_sees_the_deferred_rows(chancheng):
    with transaction.atomic(), writebehind.deferred():
        writebehind.insert(_record(chancheng, "one"), _record(chancheng, "two"))
        assert _actions() == ["one", "two"]
        writebehind.insert(_record(chancheng, "three"))
    assert _actions() == ["one", "three", "two"]


def test_rows_wait_until_the_block_ends_and_go_one_statement_per_table(chancheng, zhang):
    with CaptureQueriesContext(connection) as queries, transaction.atomic(), writebehind.deferred():
        writebehind.insert(*[_record(chancheng, f"a{n}") for n in range(5)])
        notification = Notification(
            district=chancheng,
            person=zhang,
            topic="accepted",
            channel="site",
            body="已受理",
            created_at=timezone.now(),
        )
        writebehind.insert(notification)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")  # names neither table: nothing is written yet
        assert not any(q["sql"].startswith("INSERT") for q in queries.captured_queries)
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 2  # five audit records in one statement, the notification in another
    assert len(_actions()) == 5 and Notification.objects.filter(person=zhang).count() == 1


def test_a_select_of_another_table_does_not_flush(chancheng, zhang):
    with transaction.atomic(), writebehind.deferred():
        writebehind.insert(_record(chancheng, "waiting"))
        with CaptureQueriesContext(connection) as queries:
            assert Notification.objects.filter(person=zhang).count() == 0
        assert not any(q["sql"].startswith("INSERT") for q in queries.captured_queries)
    assert _actions() == ["waiting"]


def test_flush_writes_the_waiting_rows_at_once(chancheng):
    """For a statement that reads a deferred table without naming it (through a view or a function)."""
    with transaction.atomic(), writebehind.deferred():
        writebehind.insert(_record(chancheng, "waiting"))
        with CaptureQueriesContext(connection) as queries:
            writebehind.flush()
        assert [q["sql"].split(" (")[0] for q in queries.captured_queries] == [
            f"INSERT INTO {connection.ops.quote_name(AuditRecord._meta.db_table)}"
        ]


def test_rows_deferred_inside_a_rolled_back_savepoint_are_dropped(chancheng):
    with transaction.atomic(), writebehind.deferred():
        writebehind.insert(_record(chancheng, "before"))
        with pytest.raises(RuntimeError), transaction.atomic():
            writebehind.insert(_record(chancheng, "inside"))
            raise RuntimeError
        writebehind.insert(_record(chancheng, "after"))
    assert _actions() == ["after", "before"]


def test_an_error_in_the_block_writes_nothing(chancheng):
    with pytest.raises(RuntimeError), transaction.atomic(), writebehind.deferred():
        writebehind.insert(_record(chancheng, "lost"))
        raise RuntimeError
    assert _actions() == []


def test_a_deferred_row_that_breaks_a_constraint_fails_inside_its_transaction(chancheng, alice):
    def key():
        return IdempotencyKey(district=chancheng, staff=alice, key="k-1", request_hash="h")

    with pytest.raises(IntegrityError), transaction.atomic(), writebehind.deferred():
        writebehind.insert(_record(chancheng, "with the keys"))
        writebehind.insert(key(), key())
    assert IdempotencyKey.objects.count() == 0 and _actions() == []


def test_raw_statements_run_after_the_rows_in_order(chancheng):
    table = AuditRecord._meta.db_table
    with transaction.atomic(), writebehind.deferred():
        writebehind.insert(_record(chancheng, "x"))
        writebehind.execute(f"UPDATE {table} SET reason = %s WHERE action = %s", ["first", "x"], table)  # noqa: S608
        writebehind.execute(f"UPDATE {table} SET reason = reason || %s WHERE action = %s", ["+2", "x"], table)  # noqa: S608
    assert AuditRecord.objects.get(action="x").reason == "first+2"


def test_outside_a_deferred_block_rows_are_written_at_once_with_their_ids(chancheng):
    record = _record(chancheng, "now")
    writebehind.insert(record)
    assert record.pk is not None and _actions() == ["now"]


def test_insert_now_writes_at_once_and_gives_each_row_its_id_and_prepared_values(chancheng):
    rows = [_record(chancheng, f"now{n}") for n in range(3)]
    with CaptureQueriesContext(connection) as queries, transaction.atomic(), writebehind.deferred():
        writebehind.insert_now(*rows)
        assert all(row.pk for row in rows) and len({row.pk for row in rows}) == 3
        stored = dict(AuditRecord.objects.filter(pk__in=[r.pk for r in rows]).values_list("pk", "action"))
        assert stored == {row.pk: row.action for row in rows}  # each id is its own row's
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1 or not connection.features.can_return_rows_from_bulk_insert
