from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "ecareer.sharing"
    label = "sharing"
