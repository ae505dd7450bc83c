from django.urls import path

from onedoor.portal import views

urlpatterns = [
    path("", views.home, name="portal-home"),
]
