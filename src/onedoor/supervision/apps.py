from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.supervision"
    label = "supervision"
    verbose_name = _("Supervision (一门式监督)")
