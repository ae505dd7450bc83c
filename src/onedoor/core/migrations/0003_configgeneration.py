"""The configuration generation row and the triggers that renew it (see core.models.ConfigGeneration)."""

from django.db import migrations, models

# Tables whose every change renews the generation, and the connector's routing columns (its failure counters
# change on every failed delivery and must not).
TABLES = (
    "catalog_item",
    "catalog_itemversion",
    "catalog_material",
    "catalog_stage",
    "districts_centre",
    "districts_department",
    "districts_backendsystem",
    "districts_calendaroverride",
    "districts_signingkey",
    "integrations_route",
)
CONNECTOR_COLUMNS = ("district_id", "system_id", "kind", "enabled")


def _postgresql() -> tuple[list[str], list[str]]:
    forward = [
        "CREATE FUNCTION onedoor_config_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "UPDATE core_configgeneration SET value = floor(random() * 9.2e18)::bigint WHERE id = 1; "
        "RETURN NULL; END $$",
    ]
    reverse = ["DROP FUNCTION IF EXISTS onedoor_config_changed()"]
    for table in TABLES:
        forward.append(
            f"CREATE TRIGGER {table}_config AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION onedoor_config_changed()"
        )
        reverse.insert(0, f"DROP TRIGGER IF EXISTS {table}_config ON {table}")
    forward.append(
        "CREATE TRIGGER integrations_connector_config AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "
        f"{', '.join(CONNECTOR_COLUMNS)} ON integrations_connector "
        "FOR EACH STATEMENT EXECUTE FUNCTION onedoor_config_changed()"
    )
    reverse.insert(0, "DROP TRIGGER IF EXISTS integrations_connector_config ON integrations_connector")
    return forward, reverse


def _sqlite() -> tuple[list[str], list[str]]:
    renew = "UPDATE core_configgeneration SET value = random() WHERE id = 1;"
    forward, reverse = [], []
    events = [(table, event) for table in TABLES for event in ("INSERT", "UPDATE", "DELETE")]
    events += [
        ("integrations_connector", "INSERT"),
        ("integrations_connector", "DELETE"),
        ("integrations_connector", f"UPDATE OF {', '.join(CONNECTOR_COLUMNS)}"),
    ]
    for table, event in events:
        name = f"{table}_config_{event.split()[0].lower()}"
        forward.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {renew} END")
        reverse.append(f"DROP TRIGGER IF EXISTS {name}")
    return forward, reverse


def create(apps, schema_editor):
    schema_editor.execute("INSERT INTO core_configgeneration (id, value) VALUES (1, 1)")
    forward, _reverse = _postgresql() if schema_editor.connection.vendor == "postgresql" else _sqlite()
    for sql in forward:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    _forward, reverse = _postgresql() if schema_editor.connection.vendor == "postgresql" else _sqlite()
    for sql in reverse:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_initial"),
        ("catalog", "0004_itemversion_min_identity_level"),
        ("districts", "0002_signingkey"),
        ("integrations", "0005_province_hall"),
    ]

    operations = [
        migrations.CreateModel(
            name="ConfigGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField()),
            ],
            options={"db_table": "core_configgeneration"},
        ),
        migrations.RunPython(create, drop),
    ]
