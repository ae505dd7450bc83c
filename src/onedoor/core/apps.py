from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.core"
    label = "core"
