from django.urls import path

from onedoor.applications import staff_views as prereview_views
from onedoor.delivery import views as delivery_views
from onedoor.notifications import views as notification_views
from onedoor.staffdesk import (
    appointment_views,
    calendar_views,
    case_views,
    catalog_views,
    desk_views,
    integration_views,
    people_views,
    queue_views,
    ticket_views,
    views,
)

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="staff-login"),
    path("logout/", views.StaffLogoutView.as_view(), name="staff-logout"),
    path("", views.home, name="staff-home"),
    path("calendar/", calendar_views.calendar_year, name="staff-calendar"),
    path("calendar/override/", calendar_views.calendar_override, name="staff-calendar-override"),
    path("calendar/arrangement/", calendar_views.calendar_arrangement, name="staff-calendar-arrangement"),
    path("catalog/", catalog_views.catalog_page, name="staff-catalog"),
    path("catalog/import/", catalog_views.catalog_upload, name="staff-catalog-import"),
    path("catalog/export/<str:fmt>/", catalog_views.catalog_download, name="staff-catalog-export"),
    path(
        "catalog/versions/<int:version_id>/publish/",
        catalog_views.catalog_publish,
        name="staff-catalog-publish",
    ),
    path("people/", people_views.people_lookup, name="staff-people"),
    path("people/register/", people_views.people_register, name="staff-people-register"),
    path("people/person/<int:pk>/", people_views.person_card, name="staff-person"),
    path("people/person/<int:pk>/full/", people_views.person_full, name="staff-person-full"),
    path("people/enterprise/<int:pk>/", people_views.enterprise_card, name="staff-enterprise"),
    path("people/enterprise/<int:pk>/full/", people_views.enterprise_full, name="staff-enterprise-full"),
    path("desk/", desk_views.desk_start, name="staff-desk"),
    path("desk/register/", desk_views.desk_register, name="staff-desk-register"),
    path("desk/<str:kind>/<int:pk>/", desk_views.desk_holder, name="staff-desk-holder"),
    path("desk/<str:kind>/<int:pk>/items/<str:code>/", desk_views.desk_accept, name="staff-desk-accept"),
    path("cases/<str:number>/", case_views.case_page, name="staff-case"),
    path("cases/<str:number>/act/", case_views.case_action, name="staff-case-act"),
    path("cases/<str:number>/delivery/", delivery_views.delivery_action, name="staff-case-delivery"),
    path("cases/<str:number>/receipt.pdf", case_views.case_receipt, name="staff-case-receipt"),
    path("cases/<str:number>/jump/<str:system>/", case_views.case_jump, name="staff-case-jump"),
    path("integrations/dead-letters/", integration_views.dead_letters, name="staff-dead-letters"),
    path("queue/", queue_views.work_queue, name="staff-queue"),
    path("tickets/", ticket_views.console, name="staff-tickets"),
    path("tickets/planner/", ticket_views.planner, name="staff-ticket-planner"),
    path("appointments/", appointment_views.appointments, name="staff-appointments"),
    path("prereview/", prereview_views.queue, name="staff-prereview"),
    path("prereview/<uuid:public_id>/", prereview_views.review, name="staff-prereview-one"),
    path(
        "prereview/<uuid:public_id>/files/<str:code>/",
        prereview_views.staff_file,
        name="staff-prereview-file",
    ),
    path("notifications/", notification_views.outbox, name="staff-notifications"),
]
