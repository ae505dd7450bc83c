from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.citizens"
    label = "citizens"
    verbose_name = _("Citizen login (统一身份认证)")
