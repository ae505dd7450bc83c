from django.urls import path

from onedoor.portal import board_views, elder, progress_views, views

urlpatterns = [
    path("", views.home, name="portal-home"),
    path("elder/", elder.elder_switch, name="elder-switch"),
    path("guide/", views.guide_search, name="guide-search"),
    path("guide/<str:district_code>/<str:code>/", views.guide_item, name="guide-item"),
    path("guide/<str:district_code>/<str:code>/form/", views.guide_form, name="guide-form"),
    path("progress/", progress_views.progress, name="public-progress"),
    path("board/<str:district_code>/<str:centre_code>/", board_views.board, name="queue-board"),
    path("verify/<uuid:public_id>/", progress_views.verify, name="certificate-verify"),
    path("certificates/<uuid:public_id>.pdf", progress_views.certificate_pdf, name="certificate-pdf"),
]
