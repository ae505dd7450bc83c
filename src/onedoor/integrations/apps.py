from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.integrations"
    label = "integrations"
