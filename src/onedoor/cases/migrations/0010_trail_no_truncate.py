"""PostgreSQL refuses TRUNCATE of the trail too (0002 refuses UPDATE and DELETE row by row; TRUNCATE fires no
row trigger). Only a session that says, deliberately, that it erases a whole database may truncate it: the test
suite's flush of its own test database sets `onedoor.erase_all` for its one transaction (conftest.py). In
production the application's database role should not own the tables at all (docs/deploy.md)."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION onedoor_trail_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('onedoor.erase_all', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'cases_trailentry is append-only: TRUNCATE refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_trailentry_no_truncate BEFORE TRUNCATE ON cases_trailentry
    FOR EACH STATEMENT EXECUTE FUNCTION onedoor_trail_no_truncate();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS cases_trailentry_no_truncate ON cases_trailentry;
DROP FUNCTION IF EXISTS onedoor_trail_no_truncate();
"""


def up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP, params=None)


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_clockstop_procedure")]
    operations = [migrations.RunPython(up, down)]
