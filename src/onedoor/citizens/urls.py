from django.urls import path

from onedoor.citizens import views

urlpatterns = [
    path("login/", views.login, name="citizen-login"),
    path("callback/", views.callback, name="citizen-callback"),
    path("logout/", views.logout, name="citizen-logout"),
    path("cases/", views.my_cases, name="citizen-cases"),
]
