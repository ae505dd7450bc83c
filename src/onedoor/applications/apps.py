from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.applications"
    label = "applications"
    verbose_name = _("Online applications and pre-review (网上申报与材料预审)")
