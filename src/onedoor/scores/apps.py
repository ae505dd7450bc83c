from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.scores"
    label = "scores"
    verbose_name = _("Scores (考核测评)")
