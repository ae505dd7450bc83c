from django.urls import path

from onedoor.applications import citizen_views
from onedoor.citizens import views

urlpatterns = [
    path("login/", views.login, name="citizen-login"),
    path("callback/", views.callback, name="citizen-callback"),
    path("logout/", views.logout, name="citizen-logout"),
    path("cases/", views.my_cases, name="citizen-cases"),
    path("apply/<str:code>/", citizen_views.start, name="citizen-apply"),
    path("applications/<uuid:public_id>/", citizen_views.application_page, name="citizen-application"),
    path("applications/<uuid:public_id>/files/<str:code>/", citizen_views.upload_file, name="citizen-upload"),
]
