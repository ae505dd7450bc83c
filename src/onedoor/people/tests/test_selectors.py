"""Reads of people data: exact lookups, masked search, logged full views, records and the access log —
always within the caller's district."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onedoor.core.errors import DomainError, NotFound
from onedoor.people import selectors, services
from onedoor.people.models import AccessKind, DataAccess
from onedoor.people.tests.factories import credit_code


def test_a_person_is_found_by_number_in_any_case_and_spacing(alice, zhang):
    assert selectors.person_find(staff=alice, number=" 44060419900101123x") == zhang


def test_a_person_of_another_district_is_not_found(bob, zhang):
    assert selectors.person_find(staff=bob, number=zhang.id_number) is None


def test_an_unknown_or_malformed_number_is_not_found(alice, zhang):
    assert selectors.person_find(staff=alice, number="440604199001011245") is None
    assert selectors.person_find(staff=alice, number="x" * 500) is None


def test_a_full_view_returns_the_data_and_logs_who_and_why(alice, zhang):
    view = selectors.person_full_view(staff=alice, person=zhang, purpose="办理居住证", channel="page")
    assert view.holder.id_number == "44060419900101123X"
    access = DataAccess.objects.get()
    assert (access.kind, access.staff, access.person, access.purpose) == (
        AccessKind.FULL_VIEW,
        alice,
        zhang,
        "办理居住证",
    )


def test_a_full_view_without_a_purpose_is_refused_and_not_logged(alice, zhang):
    with pytest.raises(DomainError) as caught:
        selectors.person_full_view(staff=alice, person=zhang, purpose="   ")
    assert caught.value.code == "purpose_required"
    assert not DataAccess.objects.exists()


def test_a_full_view_of_another_districts_person_is_refused(bob, zhang):
    with pytest.raises(NotFound):
        selectors.person_full_view(staff=bob, person=zhang, purpose="好奇")
    assert not DataAccess.objects.exists()


def test_search_by_name_prefix_shows_masked_rows(alice, zhang, chancheng):
    services.person_register(district=chancheng, id_number="440604197203150044", name="张丽", actor=None)
    rows = selectors.people_search(staff=alice, q="张", limit=10)
    assert [(r.name, r.number) for r in rows] == [
        ("张**", "440604********123X"),
        ("张*", "440604********0044"),
    ]


def test_search_by_number_prefix_finds_persons_and_enterprises(alice, zhang, chancheng):
    services.enterprise_register(
        district=chancheng, uscc=credit_code("MA4UL123"), name="禅城公司", actor=None
    )
    assert [r.kind for r in selectors.people_search(staff=alice, q="4406", limit=10)] == ["resident"]
    assert [r.kind for r in selectors.people_search(staff=alice, q="9144", limit=10)] == ["uscc"]
    assert selectors.people_search(staff=alice, q="4406041990", limit=10)[0].id == zhang.pk
    assert selectors.people_search(staff=alice, q="4406041991", limit=10) == []


def test_search_never_shows_another_districts_people(bob, zhang):
    assert selectors.people_search(staff=bob, q="张", limit=10) == []
    assert selectors.people_search(staff=bob, q="4406", limit=10) == []


def test_search_runs_no_count_query(alice, zhang):
    with CaptureQueriesContext(connection) as queries:
        selectors.people_search(staff=alice, q="张", limit=10)
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


def test_only_current_records_are_listed(alice, zhang, chancheng):
    def add(record_type, **dates):
        return services.record_add(
            district=chancheng,
            person=zhang,
            record_type=record_type,
            payload={},
            source_kind="department",
            trust_level="A",
            actor=None,
            **dates,
        )

    add("household_register")
    add("education", valid_until=date.today() - timedelta(days=1))
    add("marriage", valid_from=date.today() + timedelta(days=30))
    services.record_revoke(record=add("permit"), reason="注销", actor=None)
    assert [r.record_type for r in selectors.records_of(staff=alice, person=zhang)] == ["household_register"]


def test_records_of_another_districts_person_are_refused(bob, zhang):
    with pytest.raises(NotFound):
        selectors.records_of(staff=bob, person=zhang)


def test_the_access_log_shows_views_and_uses_newest_first(alice, olivia, zhang, chancheng):
    record = services.record_add(
        district=chancheng,
        person=zhang,
        record_type="household_register",
        payload={},
        source_kind="department",
        trust_level="A",
        actor=None,
    )
    selectors.person_full_view(staff=alice, person=zhang, purpose="办理居住证")
    services.record_use(
        staff=olivia, department=chancheng.test_department, record=record, purpose="不动产登记"
    )
    log = selectors.data_accesses_of(staff=alice, person=zhang)
    assert [(a.kind, a.staff.username, a.purpose) for a in log] == [
        ("use", "olivia", "不动产登记"),
        ("full_view", "alice", "办理居住证"),
    ]


def test_another_district_cannot_read_the_access_log(bob, zhang):
    with pytest.raises(NotFound):
        selectors.data_accesses_of(staff=bob, person=zhang)
