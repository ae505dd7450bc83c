"""The complaint pages, mounted by onedoor/urls.py: the citizen's under /citizen/complaints/ and the staff's
under /staff/complaints/ (each ahead of its area's own URLconf)."""

from django.urls import path

from onedoor.complaints import views

citizen_patterns = [
    path("new/", views.citizen_new, name="citizen-complaint-new"),
    path("<str:number>/", views.citizen_complaint, name="citizen-complaint"),
]
staff_patterns = [
    path("", views.staff_list, name="staff-complaints"),
    path("new/", views.staff_new, name="staff-complaint-new"),
    path("<int:pk>/", views.staff_complaint, name="staff-complaint"),
    path("<int:pk>/act/", views.staff_act, name="staff-complaint-act"),
]
