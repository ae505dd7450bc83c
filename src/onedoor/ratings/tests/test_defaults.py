"""The default rating: a visit or case not rated within ONEDOOR_RATING_DEFAULT_DAYS counts as 基本满意 (3)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from onedoor.core import clock
from onedoor.ratings.defaults import ratings_apply_defaults
from onedoor.ratings.models import Rating, Rectification
from onedoor.ratings.tests import helpers

pytestmark = pytest.mark.django_db


def test_visits_and_cases_unrated_after_seven_days_count_as_basically_satisfied(
    client, chancheng, alice, zhang, demo_catalog, settings
):
    settings.ONEDOOR_RATING_DEFAULT_DAYS = 7
    now = clock.now()
    with clock.frozen_at(now - timedelta(days=8)):
        old_visit = helpers.served_visit(alice)
        rated_visit = helpers.served_visit(alice)
        old_case = helpers.concluded_case(alice, zhang, demo_catalog)
        secret = helpers.pad_for(alice)
        assert helpers.rate_visit(client, secret, rated_visit, 5).status_code == 201
    with clock.frozen_at(now - timedelta(days=6)):
        recent_visit = helpers.served_visit(alice)

    report = ratings_apply_defaults(batch=1)  # one row a batch: the walk goes on past each batch
    assert (report.visits, report.cases) == (1, 1)
    default = Rating.objects.get(ticket=old_visit)
    assert (default.level, default.source, default.channel) == (3, "default", "window")
    assert Rating.objects.get(case=old_case).source == "default"
    assert Rating.objects.get(ticket=rated_visit).source == "rater"
    assert not Rating.objects.filter(ticket=recent_visit).exists()
    assert not Rectification.objects.exists()

    out = StringIO()
    call_command("ratings", "apply-defaults", stdout=out)  # again: nothing left to do
    assert "0 visit(s), 0 case(s)" in out.getvalue()
    assert Rating.objects.count() == 3

    late = helpers.rate_visit(client, secret, old_visit, 5)
    assert late.status_code == 409  # the default stands for the visit


def test_the_default_period_is_configurable(chancheng, alice, settings):
    settings.ONEDOOR_RATING_DEFAULT_DAYS = 2
    with clock.frozen_at(clock.now() - timedelta(days=3)):
        visit = helpers.served_visit(alice)
    assert ratings_apply_defaults().visits == 1
    assert Rating.objects.get(ticket=visit).level == 3
