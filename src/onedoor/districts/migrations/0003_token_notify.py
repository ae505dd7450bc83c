"""Triggers that tell every process's API-token cache to forget (see districts/token_cache.py): a NOTIFY on
the channel onedoor_auth with any change to what an authenticated token's row holds. PostgreSQL only: on SQLite
the cache is never used. NOTIFY is delivered when the transaction commits, and not at all if it rolls back."""

from django.db import migrations

# (table, events): a token's last-used time changes on use and must not empty every cache.
EVENTS = (
    ("districts_apitoken", "UPDATE OF revoked_at, expires_at, digest, staff_id, district_id OR DELETE OR TRUNCATE"),
    ("districts_staff", "UPDATE OR DELETE OR TRUNCATE"),
    ("districts_roleassignment", "INSERT OR UPDATE OR DELETE OR TRUNCATE"),
    ("districts_district", "UPDATE OR DELETE OR TRUNCATE"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE FUNCTION onedoor_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "PERFORM pg_notify('onedoor_auth', TG_TABLE_NAME); RETURN NULL; END $$"
    )
    for table, events in EVENTS:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_auth AFTER {events} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION onedoor_auth_changed()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _events in EVENTS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_auth ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS onedoor_auth_changed()")


class Migration(migrations.Migration):
    dependencies = [("districts", "0002_signingkey")]

    operations = [migrations.RunPython(create, drop)]
