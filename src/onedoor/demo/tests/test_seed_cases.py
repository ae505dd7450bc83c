"""`onedoor seed --cases N` builds two years of case history through the case services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from onedoor.cases.models import Case, CaseMaterial, ClockStop, CommitmentSignature, StageResult, TrailEntry
from onedoor.cases.signatures import digest_of
from onedoor.cases.trail import trail_verify
from onedoor.conftest import FAST_HASHERS
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import District, Role, RoleAssignment
from onedoor.people.models import CreditRecord

CASES = 300


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo with CASES cases, generated once for this module and flushed afterwards."""
    with django_db_blocker.unblock():
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            call_command(
                "seed", "--persons", "300", "--enterprises", "30", "--queue-days", "0", "--cases", str(CASES)
            )
        yield District.objects.get(code="440604")
        call_command("flush", "--noinput")


def _cases(district):
    """The case generator's cases (the seed's online applications accepted today come on top)."""
    return Case.objects.filter(district=district, application__isnull=True)


def test_it_generates_the_number_of_cases_asked_for_over_the_last_two_years(seeded, db):
    cases = _cases(seeded)
    assert cases.count() == CASES
    now = timezone.now()
    calendar = calendar_for(seeded)
    for accepted_at in cases.values_list("accepted_at", flat=True):
        assert now - timedelta(days=731) < accepted_at < now
        assert calendar.is_workday(accepted_at)
    years = {a.year for a in cases.values_list("accepted_at", flat=True)}
    assert len(years) >= 2


def test_more_than_six_in_ten_cases_are_instant_and_every_mode_is_used(seeded, db):
    cases = _cases(seeded)
    assert cases.filter(instant=True).count() / CASES > 0.6
    assert cases.filter(mode="trust_first").exists()
    assert cases.filter(mode="with_gaps").exists()
    assert cases.exclude(channel="window").exists() and cases.filter(channel="window").count() > CASES * 0.7


def test_trust_first_at_a_window_is_signed_by_hand_on_its_pad(seeded, db):
    at_windows = Case.objects.filter(mode="trust_first", channel="window")
    signed = CommitmentSignature.objects.filter(case__in=at_windows).select_related("case")
    assert signed.exists()
    for signature in signed:
        assert signature.text == signature.case.commitment_text
        assert signature.digest == digest_of(signature.text, signature.strokes)
        assert signature.case.commitment_signed_at == signature.signed_at


def test_the_rare_outcomes_all_occur_but_stay_rare(seeded, db):
    cases = _cases(seeded)
    for status in ("revoked", "rejected", "withdrawn"):
        assert 1 <= cases.filter(status=status).count() <= CASES * 0.05, status
    stops = ClockStop.objects.filter(case__district=seeded)
    assert stops.filter(kind="correction").exists() and stops.filter(kind="suspension").exists()
    assert cases.filter(status="completed").count() > CASES * 0.8
    revoked = cases.filter(status="revoked").first()
    assert CreditRecord.objects.filter(source_ref=revoked.number, kind="bad", false_promise=True).exists()


def test_most_promised_cases_finish_within_their_limit_and_a_few_are_overdue(seeded, db):
    promised = _cases(seeded).filter(instant=False, mode="normal", status="completed")
    late = promised.filter(closed_at__gt=F("deadline")).count()
    assert promised.count() >= 30
    assert late >= 1
    assert late / promised.count() < 0.15
    calendar = calendar_for(seeded)
    saved = [c.promised_days - calendar.working_days_between(c.accepted_at, c.closed_at) for c in promised]
    assert sum(saved) / len(saved) > 5  # the seed: time-limited items 7.5 working days faster on average


def test_every_trail_verifies_and_every_actor_holds_the_role_for_the_case(seeded, db):
    departmental = {
        (a.staff_id, a.department_id)
        for a in RoleAssignment.objects.filter(district=seeded).exclude(role=Role.WINDOW_GENERALIST)
    }
    generalists = set(
        RoleAssignment.objects.filter(district=seeded, role=Role.WINDOW_GENERALIST).values_list(
            "staff_id", flat=True
        )
    )
    for case in _cases(seeded).select_related("accepted_by"):
        assert trail_verify(case) == [], case.number
        assert case.accepted_by_id in generalists and case.accepted_by.centre_id == case.centre_id
    entries = TrailEntry.objects.filter(district=seeded).select_related("case")
    assert entries.count() > CASES
    for entry in entries:
        if entry.role != Role.WINDOW_GENERALIST:
            assert (entry.actor_id, entry.case.department_id) in departmental, entry.action


def test_cases_are_taken_only_at_centres_whose_level_may_handle_the_item(seeded, db):
    for case in _cases(seeded).select_related("version", "centre"):
        assert not case.version.levels or case.centre.level in case.version.levels


def test_settled_records_waive_materials_and_officers_record_their_findings(seeded, db):
    waived = CaseMaterial.objects.filter(case__district=seeded, status="waived", record__isnull=False)
    assert waived.exists()
    results = StageResult.objects.filter(case__district=seeded, case__instant=False).exclude(
        role="window_generalist"
    )
    assert results.filter(decision="approve").exists()
    assert all(r.criteria for r in results.filter(decision__in=["approve", "reject"]))
