from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ecareer.accounts"
    label = "accounts"

    def ready(self) -> None:
        from ecareer.accounts import signals  # noqa: F401
