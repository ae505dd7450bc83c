from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from onedoor.api import api
from onedoor.complaints import urls as complaint_urls
from onedoor.ledger import views as ledger_views
from onedoor.ratings import urls as rating_urls

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("staff/rectifications/", include(rating_urls.staff_patterns)),
    path("staff/supervision/", include("onedoor.supervision.urls")),
    path("staff/complaints/", include(complaint_urls.staff_patterns)),
    path("staff/scores/", include("onedoor.scores.urls")),
    path("staff/", include("onedoor.staffdesk.urls")),
    path("citizen/rate/", include(rating_urls.citizen_patterns)),
    path("citizen/complaints/", include(complaint_urls.citizen_patterns)),
    path("citizen/", include("onedoor.citizens.urls")),
    path("rate/", include(rating_urls.pad_patterns)),
    path("kiosk/", include("onedoor.kiosk.urls")),
    path("ledger/checkpoint", ledger_views.checkpoint, name="ledger-checkpoint"),
    path("ledger/key", ledger_views.key, name="ledger-key"),
    path("ledger/tile/<path:path>", ledger_views.tile, name="ledger-tile"),
    path("ledger/receipt/<int:index>", ledger_views.receipt, name="ledger-receipt"),
    path("", include("onedoor.portal.urls")),
]
