"""The supervision pages, mounted by onedoor/urls.py at /staff/supervision/ (ahead of the staff desk's)."""

from django.urls import path

from onedoor.supervision import views

urlpatterns = [
    path("cases/<str:number>/trace/", views.trace_page, name="supervision-trace"),
    path("cases/<str:number>/correct/", views.correct, name="supervision-correct"),
    path("trail/", views.trail_search_page, name="supervision-trail"),
    path("accountability/", views.accountability_page, name="supervision-accountability"),
]
