from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.people"
    label = "people"
