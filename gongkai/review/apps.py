from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "gongkai.review"
    label = "review"
    verbose_name = "发布审核"

    def ready(self) -> None:
        # local import: models and receivers load once the app registry is ready
        from gongkai.library.publication import register_gate

        # local import: models load once the app registry is ready
        from gongkai.review import signals  # noqa: F401 - connects receivers

        # local import: models load once the app registry is ready
        from gongkai.review.services import authorise_publication

        # 先审后发: unit content is published only as the workflow approved it.
        register_gate(authorise_publication)
