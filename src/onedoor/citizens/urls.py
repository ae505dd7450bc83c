from django.urls import path

from onedoor.applications import citizen_views
from onedoor.appointments import citizen_views as appointment_views
from onedoor.citizens import credit_views, views

urlpatterns = [
    path("login/", views.login, name="citizen-login"),
    path("callback/", views.callback, name="citizen-callback"),
    path("logout/", views.logout, name="citizen-logout"),
    path("cases/", views.my_cases, name="citizen-cases"),
    path("acting/", views.choose_acting, name="citizen-acting"),
    path("credit/", credit_views.credit_page, name="citizen-credit"),
    path(
        "credit/records/<int:pk>/receipt.tlog-proof",
        credit_views.credit_receipt,
        name="citizen-credit-receipt",
    ),
    path("credit/records/<int:pk>/appeal/", credit_views.credit_appeal, name="citizen-credit-appeal"),
    path("apply/<str:code>/", citizen_views.start, name="citizen-apply"),
    path("appointments/", appointment_views.mine, name="citizen-appointments"),
    path("appointments/book/<str:code>/", appointment_views.book, name="citizen-book"),
    path("appointments/<str:number>/change/", appointment_views.change, name="citizen-appointment-change"),
    path("appointments/<str:number>/move/", appointment_views.move_choices, name="citizen-appointment-move"),
    path("applications/<uuid:public_id>/", citizen_views.application_page, name="citizen-application"),
    path("applications/<uuid:public_id>/files/<str:code>/", citizen_views.upload_file, name="citizen-upload"),
]
