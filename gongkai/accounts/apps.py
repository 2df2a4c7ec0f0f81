from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = "账号安全"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # local import: signals imports the models, which need the app registry ready
        from gongkai.accounts import signals  # noqa: F401  (connects the receivers)
