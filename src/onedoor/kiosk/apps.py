from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.kiosk"
    label = "kiosk"
    verbose_name = _("Self-service kiosk (自助终端)")
