"""The people lists in the admin page through big tables without counting them whole."""

import re
from datetime import date

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onedoor.core.pagination import EstimatedCountPaginator
from onedoor.people.models import DataAccess, Enterprise, Person, VerifiedRecord

BIG_TABLE_ADMINS = [Person, Enterprise, VerifiedRecord, DataAccess]


@pytest.fixture
def seven_people(chancheng):
    return Person.objects.bulk_create(
        Person(
            district=chancheng,
            id_number=f"44060419900101{n:03d}1",
            name=f"测试{n}",
            sex="M",
            birth_date=date(1990, 1, 1),
            region_code="440604",
        )
        for n in range(7)
    )


@pytest.fixture
def small_pages(monkeypatch):
    """2 rows a page and a count that reaches 1 page past the one asked for: the cap is met with 7 rows."""
    monkeypatch.setattr(admin.site._registry[Person], "list_per_page", 2)
    monkeypatch.setattr(EstimatedCountPaginator, "lookahead_pages", 1)


def counts(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def shown_numbers(html: str) -> list[str]:
    return re.findall(r"440604\*{8}\d{3}1", html)


@pytest.mark.parametrize("model", BIG_TABLE_ADMINS)
def test_the_big_people_tables_use_the_paginator_that_does_not_count_them(model):
    model_admin = admin.site._registry[model]
    assert model_admin.paginator is EstimatedCountPaginator
    assert model_admin.show_full_result_count is False


def test_the_person_list_never_counts_the_whole_table_and_still_pages(
    client, adam, seven_people, small_pages
):
    client.force_login(adam)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:people_person_changelist"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(shown_numbers(html)) == 2
    assert counts(queries) and all("LIMIT" in sql.upper() for sql in counts(queries)), counts(queries)
    assert "more than 4 persons" in html
    assert 'href="?p=2" rel="next"' in html

    second = client.get(reverse("admin:people_person_changelist"), {"p": 2}, HTTP_ACCEPT_LANGUAGE="en")
    assert len(shown_numbers(second.content.decode())) == 2
    assert set(shown_numbers(second.content.decode())).isdisjoint(shown_numbers(html))


def test_paging_to_the_end_gives_the_exact_count_and_no_next_link(client, adam, seven_people, small_pages):
    client.force_login(adam)
    html = client.get(
        reverse("admin:people_person_changelist"), {"p": 4}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert len(shown_numbers(html)) == 1  # the 7th person
    assert "7 persons" in html and "more than" not in html
    assert 'rel="next"' not in html


def test_a_search_is_counted_with_a_cap_too(client, adam, seven_people, small_pages):
    client.force_login(adam)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            reverse("admin:people_person_changelist"), {"q": "测试"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert len(shown_numbers(response.content.decode())) == 2
    assert all("LIMIT" in sql.upper() for sql in counts(queries)), counts(queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's")
def test_a_superusers_unfiltered_list_uses_the_planners_estimate(
    client, django_user_model, seven_people, small_pages, monkeypatch
):
    monkeypatch.setattr(EstimatedCountPaginator, "estimate_above", 0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_person")
    client.force_login(django_user_model.objects.create_superuser(username="root", password="x" * 20))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:people_person_changelist"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert counts(queries) == []
    assert any("reltuples" in q["sql"] for q in queries)
    assert "about 7 persons" in html and 'rel="next"' in html
    assert len(shown_numbers(html)) == 2
