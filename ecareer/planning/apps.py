from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "ecareer.planning"
    label = "planning"
