from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.staffdesk"
    label = "staffdesk"
