from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.cases"
    label = "cases"
