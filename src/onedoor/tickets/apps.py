from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.tickets"
    label = "tickets"
    verbose_name = _("Queue tickets (取号叫号)")
