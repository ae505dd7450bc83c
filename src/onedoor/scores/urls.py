"""The scores pages, mounted by onedoor/urls.py at /staff/scores/ (ahead of the staff desk's)."""

from django.urls import path

from onedoor.scores import views

urlpatterns = [
    path("", views.table_page, name="scores-table"),
    path("<str:kind>/<int:unit_id>/", views.trend_page, name="scores-trend"),
]
