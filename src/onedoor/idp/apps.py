from django.apps import AppConfig


class Config(AppConfig):
    name = "onedoor.idp"
    label = "idp"
    default_auto_field = "django.db.models.BigAutoField"
