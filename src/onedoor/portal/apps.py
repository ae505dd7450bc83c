from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.portal"
    label = "portal"
