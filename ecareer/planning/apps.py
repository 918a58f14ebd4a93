from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PlanningConfig(AppConfig):
    name = "ecareer.planning"
    label = "planning"

    def ready(self) -> None:
        from ecareer.cache import create_cache_table

        # `migrate` (make run, a production start, the test database) makes the cache's table.
        post_migrate.connect(create_cache_table, sender=self)
