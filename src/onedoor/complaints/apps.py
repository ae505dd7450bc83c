from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.complaints"
    label = "complaints"
    verbose_name = _("Complaints and consultations (投诉咨询)")
