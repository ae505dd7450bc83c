"""The rating pages, mounted by onedoor/urls.py: the pad under /rate/, the citizen's under /citizen/rate/
and the rectifications under /staff/rectifications/ (each ahead of its area's own URLconf)."""

from django.urls import path

from onedoor.ratings import pad_views, views

pad_patterns = [
    path("window/<str:centre>/<str:window>/", pad_views.pad, name="rating-pad"),
    path("window/<str:centre>/<str:window>/pair/", pad_views.pair, name="rating-pad-pair"),
]
citizen_patterns = [path("<str:number>/", views.rate_case, name="citizen-rate-case")]
staff_patterns = [
    path("", views.rectifications, name="staff-rectifications"),
    path("<int:pk>/act/", views.rectification_act, name="staff-rectification-act"),
]
