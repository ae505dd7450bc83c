"""The case generator's rules: days, quotas, and the same history for the same seed."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import transaction

from onedoor.cases.models import Case
from onedoor.demo.generator import case_plans
from onedoor.demo.generator.cases import generate_cases, spread
from onedoor.demo.generator.people import _years_after, person_rows
from onedoor.people.services import persons_import


def test_the_applications_of_each_day_add_up_to_the_number_asked_for_mondays_busiest():
    days = [datetime(2025, 1, 6).date() + timedelta(days=n) for n in range(70)]  # from a Monday
    parts = spread(7001, days, random.Random(1))
    assert sum(parts) == 7001
    assert min(parts) > 7001 / 70 / 2
    assert sum(parts[0::7]) > sum(parts[4::7])  # Mondays over Fridays


def test_quotas_deal_rare_scenarios_at_their_share():
    quotas = case_plans.Quotas({"rejection": 0.03, "withdrawal": 0.015}, random.Random(2))
    dealt = [quotas.deal({"rejection", "withdrawal"}) for _ in range(10_000)]
    assert 270 <= dealt.count("rejection") <= 330
    assert 130 <= dealt.count("withdrawal") <= 170
    assert dealt.index("rejection") < 40  # even a small demo shows it


@pytest.fixture
def small_demo(demo_catalog, chancheng):
    persons_import(district=chancheng, rows=person_rows(random.Random(4), 40), actor=None)
    return chancheng


def _fingerprint(district, seed: int) -> list:
    """Generate 40 cases, read what came out, and roll everything back."""
    with transaction.atomic():
        end = datetime(2026, 6, 1, 8, tzinfo=UTC)
        generate_cases(district=district, count=40, seed=seed, progress=lambda _m: None, end=end)
        rows = list(
            Case.objects.filter(district=district)
            .order_by("number")
            .values_list(
                "number", "item__code", "applicant_number", "mode", "status", "accepted_at", "closed_at"
            )
        )
        transaction.set_rollback(True)
    return rows


def test_the_same_seed_generates_the_same_history(small_demo):
    first = _fingerprint(small_demo, 7)
    assert len(first) == 40
    assert _fingerprint(small_demo, 7) == first
    assert _fingerprint(small_demo, 8) != first


def test_a_person_born_on_29_february_gets_a_marriage_date_in_a_common_year():
    assert _years_after(date(1996, 2, 29), 26) == date(2022, 2, 28)
    assert _years_after(date(1996, 3, 1), 26) == date(2022, 3, 1)
