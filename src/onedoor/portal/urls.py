from django.urls import path

from onedoor.portal import views

urlpatterns = [
    path("", views.home, name="portal-home"),
    path("guide/", views.guide_search, name="guide-search"),
    path("guide/<str:district_code>/<str:code>/", views.guide_item, name="guide-item"),
]
