from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.ratings"
    label = "ratings"
    verbose_name = _("Public rating (好差评)")
