from django.urls import path

from onedoor.kiosk import views

urlpatterns = [
    path("", views.home, name="kiosk-home"),
    path("identify/", views.identify, name="kiosk-identify"),
    path("finish/", views.finish, name="kiosk-finish"),
    path("ticket/", views.take_ticket, name="kiosk-ticket"),
    path("ticket/<str:number>/", views.ticket_shown, name="kiosk-ticket-shown"),
    path("check-in/", views.check_in, name="kiosk-check-in"),
    path("self-service/", views.self_service, name="kiosk-self-service"),
    path("done/<str:number>/", views.done, name="kiosk-done"),
    path("progress/", views.progress, name="kiosk-progress"),
    path("forms/", views.forms, name="kiosk-forms"),
    path("complaint/", views.complaint, name="kiosk-complaint"),
]
