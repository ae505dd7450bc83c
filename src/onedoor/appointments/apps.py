from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.appointments"
    label = "appointments"
    verbose_name = _("Appointments (办事预约)")
