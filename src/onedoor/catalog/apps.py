from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.catalog"
    label = "catalog"
