"""The district's weights of the composite score, edited in the admin (scoped to the caller's district)."""

from django.contrib import admin

from onedoor.core.admin import DistrictScopedAdmin
from onedoor.scores.models import ScoreWeights


@admin.register(ScoreWeights)
class ScoreWeightsAdmin(DistrictScopedAdmin):
    list_display = (
        "on_time",
        "instant",
        "satisfaction",
        "not_bad",
        "reply_on_time",
        "reply_quality",
        "rectification_on_time",
    )
