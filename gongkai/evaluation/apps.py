"""政策落实结果评价: evaluation projects on policies, their survey, records and conclusion."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "gongkai.evaluation"
    label = "evaluation"
    verbose_name = "政策落实结果评价"

    def ready(self) -> None:
        # local import: the provider reads our models and the library's registry, which load
        # once the app registry is ready
        from gongkai.evaluation.related import evaluation_section
        from gongkai.library.related import register_related

        # A policy's page and its interpretations show the published evaluations.
        register_related("evaluation", evaluation_section)
