from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.notifications"
    label = "notifications"
    verbose_name = _("Notifications (短信/微信通知)")
