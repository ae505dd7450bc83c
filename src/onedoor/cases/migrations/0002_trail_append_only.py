"""Trail entries are never updated or deleted: the database itself refuses.

PostgreSQL (production) refuses UPDATE and DELETE of a row. The embedded SQLite demo refuses UPDATE; it lets
DELETE through because Django's test and `flush` machinery empties tables with DELETE there (PostgreSQL's
flush uses TRUNCATE, which row triggers do not see).
"""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION onedoor_trail_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cases_trailentry is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_trailentry_no_update BEFORE UPDATE ON cases_trailentry
    FOR EACH ROW EXECUTE FUNCTION onedoor_trail_append_only();
CREATE TRIGGER cases_trailentry_no_delete BEFORE DELETE ON cases_trailentry
    FOR EACH ROW EXECUTE FUNCTION onedoor_trail_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS cases_trailentry_no_update ON cases_trailentry;
DROP TRIGGER IF EXISTS cases_trailentry_no_delete ON cases_trailentry;
DROP FUNCTION IF EXISTS onedoor_trail_append_only();
"""
SQLITE_UP = [
    "CREATE TRIGGER cases_trailentry_no_update BEFORE UPDATE ON cases_trailentry "
    "BEGIN SELECT RAISE(ABORT, 'cases_trailentry is append-only: UPDATE refused'); END;",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS cases_trailentry_no_update;",
]


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [POSTGRES_UP] if vendor == "postgresql" else SQLITE_UP if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql, params=None)


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [POSTGRES_DOWN] if vendor == "postgresql" else SQLITE_DOWN if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
