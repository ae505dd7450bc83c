from django.urls import path

from onedoor.staffdesk import views

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="staff-login"),
    path("logout/", views.StaffLogoutView.as_view(), name="staff-logout"),
    path("", views.home, name="staff-home"),
]
