from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.demo"
    label = "demo"
