from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.delivery"
    label = "delivery"
    verbose_name = _("Result delivery (物流交付)")
