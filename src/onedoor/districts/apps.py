from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.districts"
    label = "districts"
