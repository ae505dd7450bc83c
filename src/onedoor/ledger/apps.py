from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "onedoor.ledger"
    label = "ledger"
    verbose_name = _("Tamper-evident ledger (区块链信用账本)")
