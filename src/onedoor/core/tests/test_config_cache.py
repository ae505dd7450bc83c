"""The configuration cache (core/config_cache.py): what an acceptance reads is cached per configuration
generation, and any change of the configuration — however it is written — is seen by the next operation."""

import pytest
from django.db import connection, transaction

from onedoor.cases.services import case_accept
from onedoor.catalog.selectors import item_by_code
from onedoor.catalog.services import version_draft, version_publish
from onedoor.core import config_cache
from onedoor.districts.models import Centre, Department
from onedoor.integrations.models import Connector, ConnectorKind
from onedoor.people import idnumbers
from onedoor.people import services as people_services


def _generation():
    return config_cache.snapshot().generation


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value()

    return build, calls


def test_a_second_operation_of_the_same_generation_reads_the_cache(chancheng):
    build, calls = _counting(lambda: Centre.objects.filter(district=chancheng).count())
    first = config_cache.snapshot().get(("centres", chancheng.pk), build)
    again = config_cache.snapshot().get(("centres", chancheng.pk), build)
    assert first == again and len(calls) == 1


def test_any_write_to_a_configuration_table_is_seen_by_the_next_snapshot(chancheng):
    build, calls = _counting(
        lambda: sorted(Department.objects.filter(district=chancheng).values_list("name"))
    )
    before = config_cache.snapshot().get(("departments", chancheng.pk), build)
    # A raw UPDATE: no service, no signal — the trigger still renews the generation.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE districts_department SET name = name || '（新）' WHERE district_id = %s", [chancheng.pk]
        )
    after = config_cache.snapshot().get(("departments", chancheng.pk), build)
    assert len(calls) == 2
    assert after != before and all(name.endswith("（新）") for (name,) in after)


def test_a_rolled_back_change_leaves_the_generation_it_found(chancheng):
    before = _generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        Department.objects.filter(district=chancheng).update(phone="0757-1")
        assert _generation() != before  # the transaction sees its own change's generation
        raise RuntimeError
    assert _generation() == before


def test_a_connectors_failure_counters_do_not_renew_it_but_enabling_does(chancheng):
    connector = Connector.objects.create(
        district=chancheng,
        kind=ConnectorKind.PROVINCE,
        base_url="https://hall.example/e",
        secret_encrypted="x",
    )
    before = _generation()
    Connector.objects.filter(pk=connector.pk).update(consecutive_failures=3)
    assert _generation() == before
    Connector.objects.filter(pk=connector.pk).update(enabled=False)
    assert _generation() != before


def test_an_acceptance_after_a_new_version_is_published_follows_the_new_version(demo_catalog, alice, adam):
    entry = next(
        i
        for i in demo_catalog
        if i["kind"] == "promised"
        and i["subject"] == "person"
        and not i["levels"]
        and i["promised_limit"] > 2
    )
    body = "44060419900101123"
    person = people_services.person_register(
        district=alice.district,
        id_number=body + idnumbers.resident_check_char(body),
        name="陈小明",
        actor=alice,
    )
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in entry["materials"]
    ]

    def accept():
        return case_accept(
            staff=alice, item_code=entry["code"], applicant=person.id_number, materials=materials
        )

    first = accept().case  # this also fills the cache with the published version
    assert first.promised_days == entry["promised_limit"]
    item = item_by_code(alice.district, entry["code"])
    draft = version_draft(item=item, actor=adam, changes={"promised_limit": entry["promised_limit"] - 1})
    version_publish(version=draft, actor=adam)
    second = accept().case
    assert second.version_id == draft.pk
    assert second.promised_days == entry["promised_limit"] - 1
