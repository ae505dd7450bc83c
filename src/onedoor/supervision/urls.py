"""The supervision pages, mounted by onedoor/urls.py at /staff/supervision/ (ahead of the staff desk's)."""

from django.urls import path

from onedoor.supervision import desk_views, views

urlpatterns = [
    path("", desk_views.desk_page, name="supervision-desk"),
    path("overdue/", desk_views.overdue_page, name="supervision-overdue"),
    path("cases/<str:number>/trace/", views.trace_page, name="supervision-trace"),
    path("cases/<str:number>/correct/", views.correct, name="supervision-correct"),
    path("trail/", views.trail_search_page, name="supervision-trail"),
    path("accountability/", views.accountability_page, name="supervision-accountability"),
]
