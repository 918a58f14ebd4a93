from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "ecareer.jobs"
    label = "jobs"

    def ready(self) -> None:
        """Import every app's `computations` module: the worker finds each kind registered."""
        autodiscover_modules("computations")
